import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const alphaxiv: Adapter = {
  id: 'alphaxiv',
  matches: (u) => /(^|\.)alphaxiv\.org$/.test(u.hostname),
  testUrls: ['https://www.alphaxiv.org/abs/2509.24002'],
  detect: () => null,
  extract: () => [],
};
