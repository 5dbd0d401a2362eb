import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const openreview: Adapter = {
  id: 'openreview',
  matches: (u) => /(^|\.)openreview\.net$/.test(u.hostname),
  testUrls: ['https://openreview.net/forum?id=x'],
  detect: () => null,
  extract: () => [],
};
