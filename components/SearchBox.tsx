import type { Ref } from 'preact';
import { SEARCH_PLACEHOLDER } from './format';

export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** Parser notes ("year:soon is not a year…"), shown under the box. */
  problems?: readonly string[];
  placeholder?: string;
}

export function SearchBox({
  value,
  onInput,
  inputRef,
  problems = [],
  placeholder,
}: SearchBoxProps) {
  return (
    <div class="search">
      <label class="visually-hidden" for="paperdex-search">
        Search
      </label>
      <input
        id="paperdex-search"
        ref={inputRef}
        type="search"
        value={value}
        autocomplete="off"
        spellcheck={false}
        placeholder={placeholder ?? SEARCH_PLACEHOLDER}
        aria-describedby={problems.length ? 'paperdex-search-problems' : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            e.stopPropagation();
            onInput('');
          }
        }}
      />
      {problems.length > 0 && (
        <p id="paperdex-search-problems" class="problems">
          {problems.join(' ')}
        </p>
      )}
    </div>
  );
}
