import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const semanticScholar: Adapter = {
  id: 'semantic-scholar',
  matches: (u) => /(^|\.)semanticscholar\.org$/.test(u.hostname),
  testUrls: ['https://www.semanticscholar.org/search?q=x'],
  detect: () => null,
  extract: () => [],
};
