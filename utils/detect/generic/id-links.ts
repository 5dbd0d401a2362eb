import type { Adapter } from '../adapter';

// Placeholder: detects nothing yet.
export const idLinks: Adapter = {
  id: 'id-links',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: () => null,
  extract: () => [],
};
