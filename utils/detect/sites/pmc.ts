import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const pmc: Adapter = {
  id: 'pmc',
  matches: (u) => u.hostname === 'pmc.ncbi.nlm.nih.gov' || (/(^|\.)ncbi\.nlm\.nih\.gov$/.test(u.hostname) && u.pathname.startsWith('/pmc/')),
  testUrls: ['https://pmc.ncbi.nlm.nih.gov/articles/PMC1/'],
  detect: () => null,
  extract: () => [],
};
