import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const arxiv: Adapter = {
  id: 'arxiv',
  matches: (u) => /(^|\.)arxiv\.org$/.test(u.hostname),
  testUrls: ['https://arxiv.org/abs/2106.09608'],
  detect: () => null,
  extract: () => [],
};
