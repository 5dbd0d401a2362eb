/**
 * Sites whose pages list papers so often that the manifest loads the detector on them directly,
 * beside the gate: an arXiv or Hugging Face listing gets its marks without the gate's round trip to
 * the background (the `activate` message, a worker start when it slept, the injection), measured at
 * 75–200 ms. Elsewhere the gate decides. Match patterns (https only: these sites redirect http).
 * tests/unit/detect-direct.test.ts checks each pattern against the site adapters' test URLs.
 */
export const DIRECT_MATCHES: readonly string[] = [
  'https://arxiv.org/*',
  'https://huggingface.co/papers*',
  'https://scholar.google.com/*',
  'https://www.semanticscholar.org/*',
  'https://openreview.net/*',
  'https://aclanthology.org/*',
  'https://dblp.org/*',
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://pmc.ncbi.nlm.nih.gov/*',
  'https://www.biorxiv.org/*',
  'https://www.medrxiv.org/*',
  'https://proceedings.mlr.press/*',
  'https://proceedings.neurips.cc/*',
  'https://papers.nips.cc/*',
  'https://openaccess.thecvf.com/*',
  'https://www.alphaxiv.org/*',
];

/**
 * The detector marks its isolated world, which the gate shares: where the manifest loaded the
 * detector, the gate must not ask for a second one (it would count the page load twice).
 */
export const DETECTOR_FLAG = '__paperdexDetector';
