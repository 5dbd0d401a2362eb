import type { Adapter } from '../adapter';

// Placeholder: detects nothing yet.
export const metaTags: Adapter = {
  id: 'meta-tags',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: () => null,
  extract: () => [],
};
