/**
 * Quick filters. They combine (AND) with whatever is typed in the search box, and stay separate from
 * its text so that clearing the text keeps them.
 */
import { siteGroups, type TimeRange } from './format';

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

const RANGES: Array<[TimeRange, string]> = [
  ['today', 'Today'],
  ['week', 'This week'],
  ['month', 'This month'],
];

export function Chips({ value, onChange, sites, showOnTab, onTabUnavailable }: ChipsProps) {
  const set = (patch: Partial<ChipState>) => onChange({ ...value, ...patch });
  return (
    <div class="chips" role="group" aria-label="Filters">
      <Toggle
        label="Starred"
        pressed={value.starred}
        onClick={() => set({ starred: !value.starred })}
      />
      <Toggle
        label="Seen"
        title="Met in lists, never opened"
        pressed={value.state === 'seen'}
        onClick={() => set({ state: value.state === 'seen' ? undefined : 'seen' })}
      />
      <Toggle
        label="Opened"
        title="You visited the paper's own page"
        pressed={value.state === 'opened'}
        onClick={() => set({ state: value.state === 'opened' ? undefined : 'opened' })}
      />
      {showOnTab && (
        <Toggle
          label="On this tab"
          pressed={value.onTab}
          disabled={!!onTabUnavailable}
          title={onTabUnavailable ?? 'Papers met on the page in the current tab'}
          onClick={() => set({ onTab: !value.onTab })}
        />
      )}
      {RANGES.map(([r, label]) => (
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
