/** The star toggle: a real button with aria-pressed, so screen readers say "Star, toggle button, pressed". */
export interface StarButtonProps {
  starred: boolean;
  title: string;
  onToggle: () => void;
  disabled?: boolean;
}

export function StarButton({ starred, title, onToggle, disabled }: StarButtonProps) {
  return (
    <button
      type="button"
      class={`icon-button star${starred ? ' on' : ''}`}
      aria-pressed={starred}
      aria-label={`Star “${title}”`}
      title={starred ? 'Unstar (s)' : 'Star (s)'}
      disabled={disabled}
      onClick={onToggle}
    >
      <span aria-hidden="true">{starred ? '★' : '☆'}</span>
    </button>
  );
}
