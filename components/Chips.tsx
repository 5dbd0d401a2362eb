/**
 * Quick filters. They combine (AND) with whatever is typed in the search box, and stay separate from
 * its text so that clearing the text keeps them.
 */
import { CHIP_TEXT, RANGE_LABELS, siteGroups, type TimeRange } from './format';

export interface ChipState {
  starred: boolean;
  /** 'seen' = met but never opened; 'opened' = its own page was visited. */
  state?: 'seen' | 'opened';
  /** A site label (see siteGroups). */
  site?: string;
  range?: TimeRange;
  onTab: boolean;
}

export const NO_CHIPS: ChipState = { starred: false, onTab: false };

export function chipsActive(c: ChipState): boolean {
  return (
    c.starred || c.onTab || c.state !== undefined || c.site !== undefined || c.range !== undefined
  );
}

export interface ChipsProps {
  value: ChipState;
  onChange: (next: ChipState) => void;
  sites: readonly string[];
  /** Hidden where there is no "current tab" (the library page is itself the tab). */
  showOnTab: boolean;
  /** Why "on this tab" cannot work (no URL for the active tab), shown as its title. */
  onTabUnavailable?: string;
}

function Toggle(props: {
  label: string;
  pressed: boolean;
  onClick: () => void;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <button
      type="button"
      class="chip"
      aria-pressed={props.pressed}
      disabled={props.disabled}
      title={props.title}
      onClick={props.onClick}
    >
      {props.label}
    </button>
  );
}

export function Chips({ value, onChange, sites, showOnTab, onTabUnavailable }: ChipsProps) {
  const set = (patch: Partial<ChipState>) => onChange({ ...value, ...patch });
  return (
    <div class="chips" role="group" aria-label="Filters">
      <Toggle
        label={CHIP_TEXT.starred.label}
        pressed={value.starred}
        onClick={() => set({ starred: !value.starred })}
      />
      <Toggle
        label={CHIP_TEXT.seen.label}
        title={CHIP_TEXT.seen.title}
        pressed={value.state === 'seen'}
        onClick={() => set({ state: value.state === 'seen' ? undefined : 'seen' })}
      />
      <Toggle
        label={CHIP_TEXT.opened.label}
        title={CHIP_TEXT.opened.title}
        pressed={value.state === 'opened'}
        onClick={() => set({ state: value.state === 'opened' ? undefined : 'opened' })}
      />
      {showOnTab && (
        <Toggle
          label={CHIP_TEXT.onTab.label}
          pressed={value.onTab}
          disabled={!!onTabUnavailable}
          title={onTabUnavailable ?? CHIP_TEXT.onTab.title}
          onClick={() => set({ onTab: !value.onTab })}
        />
      )}
      {RANGE_LABELS.map(([r, label]) => (
        <Toggle
          key={r}
          label={label}
          pressed={value.range === r}
          onClick={() => set({ range: value.range === r ? undefined : r })}
        />
      ))}
      <select
        class="chip"
        aria-label="Site"
        value={value.site ?? ''}
        onChange={(e) => set({ site: e.currentTarget.value || undefined })}
      >
        <option value="">All sites</option>
        {[...siteGroups(sites).keys()].sort().map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
