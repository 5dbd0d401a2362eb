/**
 * The site ids a paper can be met on, in a module of its own: the popup's first-frame script
 * (entrypoints/popup-first.ts) lists them in its site menu without loading the search.
 */

/** Site ids of every adapter (and the context menu's 'saved'): what `site:` resolves against. */
export const ADAPTER_SITES: readonly string[] = [
  'arxiv',
  'alphaxiv',
  'huggingface-papers',
  'google-scholar',
  'semantic-scholar',
  'acl-anthology',
  'biorxiv',
  'cvf',
  'dblp',
  'neurips',
  'openreview',
  'pmc',
  'pmlr',
  'pubmed',
  'saved',
  'meta-tags',
  'json-ld',
  'coins',
  'id-links',
];
