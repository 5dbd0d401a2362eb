import type { SortKey } from '../utils/search/run';
import { SORT_LABELS } from './format';

export interface SortMenuProps {
  value: SortKey;
  onChange: (sort: SortKey) => void;
}

export function SortMenu({ value, onChange }: SortMenuProps) {
  return (
    <label class="sort">
      <span>Sort</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as SortKey)}>
        {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
          <option key={k} value={k}>
            {SORT_LABELS[k]}
          </option>
        ))}
      </select>
    </label>
  );
}
