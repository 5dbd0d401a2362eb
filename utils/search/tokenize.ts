/**
 * Search tokens: lower case, diacritics removed, split on anything that is not a letter or digit.
 * The same function builds the stored `words` index and splits queries, so they always agree.
 */
const MAX_TOKENS = 400;

export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .slice(0, 20_000)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_TOKENS);
}

/** Unique tokens of every field, for a paper's `words` multi-entry index. */
export function wordsOf(...fields: Array<string | readonly string[] | null | undefined>): string[] {
  const set = new Set<string>();
  for (const f of fields) {
    if (!f) continue;
    for (const part of typeof f === 'string' ? [f] : f) for (const w of tokenize(part)) set.add(w);
  }
  return [...set];
}
