import type { Adapter } from '../adapter';

// Placeholder: detects nothing yet.
export const coins: Adapter = {
  id: 'coins',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: () => null,
  extract: () => [],
};
