import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const pubmed: Adapter = {
  id: 'pubmed',
  matches: (u) => u.hostname === 'pubmed.ncbi.nlm.nih.gov',
  testUrls: ['https://pubmed.ncbi.nlm.nih.gov/?term=x'],
  detect: () => null,
  extract: () => [],
};
