import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const dblp: Adapter = {
  id: 'dblp',
  matches: (u) => /(^|\.)dblp\.(org|uni-trier\.de)$/.test(u.hostname),
  testUrls: ['https://dblp.org/pid/1/1.html'],
  detect: () => null,
  extract: () => [],
};
