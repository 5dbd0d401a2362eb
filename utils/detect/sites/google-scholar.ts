import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const googleScholar: Adapter = {
  id: 'google-scholar',
  matches: (u) => /^scholar\.google\./.test(u.hostname),
  testUrls: ['https://scholar.google.com/scholar?q=x'],
  detect: () => null,
  extract: () => [],
};
