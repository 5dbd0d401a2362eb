import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const neurips: Adapter = {
  id: 'neurips',
  matches: (u) => u.hostname === 'proceedings.neurips.cc' || u.hostname === 'papers.nips.cc',
  testUrls: ['https://proceedings.neurips.cc/paper_files/paper/2023'],
  detect: () => null,
  extract: () => [],
};
