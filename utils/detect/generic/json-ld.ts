import type { Adapter } from '../adapter';

// Placeholder: detects nothing yet.
export const jsonLd: Adapter = {
  id: 'json-ld',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: () => null,
  extract: () => [],
};
