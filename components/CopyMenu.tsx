/**
 * Copy as BibTeX, Markdown link or id. The choices open inline in the row rather than as a floating
 * menu: rows live in a clipped, virtualized scroller where a dropdown would be cut off.
 */
import { useContext, useRef, useState } from 'preact/hooks';
import type { StoredPaper } from '../utils/library/db';
import { idText, markdownLink } from '../utils/format/cite';
import { copyText } from './actions';
import { BibtexContext } from './context';
import { paperUrl } from './format';

export interface CopyMenuProps {
  paper: StoredPaper;
  /** Announces the result on the page's status line. */
  onDone: (message: string) => void;
}

export function CopyMenu({ paper, onDone }: CopyMenuProps) {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const toBibtex = useContext(BibtexContext);
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const copy = async (what: string, text: string) => {
    const err = await copyText(text);
    onDone(err ? `Could not copy: ${err}` : `Copied ${what}.`);
    close();
  };
  return (
    <span
      class="copy"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        class="text-button"
        aria-expanded={open}
        aria-label={`Copy “${paper.title}”…`}
        onClick={() => setOpen(!open)}
      >
        Copy
      </button>
      {open && (
        <span class="copy-choices" role="group" aria-label="Copy as">
          <button
            type="button"
            class="text-button"
            disabled={!toBibtex}
            onClick={() => toBibtex && void copy('BibTeX', toBibtex([paper]))}
          >
            BibTeX
          </button>
          <button
            type="button"
            class="text-button"
            onClick={() => void copy('Markdown link', markdownLink(paper, paperUrl(paper)))}
          >
            Markdown
          </button>
          <button type="button" class="text-button" onClick={() => void copy('id', idText(paper))}>
            Id
          </button>
        </span>
      )}
    </span>
  );
}
