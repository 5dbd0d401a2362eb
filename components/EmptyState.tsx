export interface EmptyStateProps {
  /** The library has no paper at all (a new user), or only this query has no match. */
  kind: 'new' | 'no-match';
  onClear?: () => void;
}

export function EmptyState({ kind, onClear }: EmptyStateProps) {
  if (kind === 'new') {
    return (
      <div class="empty" role="status">
        <p class="empty-title">No papers yet</p>
        <p>
          Browse arXiv, Hugging Face Papers, Google Scholar, Semantic Scholar, OpenReview, PubMed…
          Paperdex remembers the papers you meet and marks the ones you have already seen.
        </p>
        <p>Nothing leaves your browser.</p>
      </div>
    );
  }
  return (
    <div class="empty" role="status">
      <p class="empty-title">No paper matches</p>
      <p>
        Words match the start of words in titles, authors, venues, tags and notes. Filters:{' '}
        <code>author:</code> <code>year:2023..2025</code> <code>tag:</code> <code>site:arxiv</code>{' '}
        <code>is:starred</code>.
      </p>
      {onClear && (
        <button type="button" class="text-button" onClick={onClear}>
          Clear search and filters
        </button>
      )}
    </div>
  );
}
