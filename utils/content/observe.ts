/**
 * Watches the page for new content (infinite scroll, "show more", client-side rendering) and calls
 * back, debounced. Mutations that only add or remove Paperdex's own badges are ignored, or marking
 * would trigger itself.
 */
import { HOST_TAG } from '../marks/badge';

export function observeChanges(root: Node, onChange: () => void, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const isOurs = (n: Node) => n.nodeName.toLowerCase() === HOST_TAG;
  const observer = new MutationObserver((records) => {
    const relevant = records.some(
      (r) =>
        Array.from(r.addedNodes).some((n) => !isOurs(n) && n.nodeType === 1) ||
        (r.removedNodes.length > 0 &&
          !Array.from(r.removedNodes).every(isOurs) &&
          r.addedNodes.length > 0),
    );
    if (!relevant) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}
