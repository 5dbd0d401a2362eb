import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const pmlr: Adapter = {
  id: 'pmlr',
  matches: (u) => u.hostname === 'proceedings.mlr.press',
  testUrls: ['https://proceedings.mlr.press/v202/'],
  detect: () => null,
  extract: () => [],
};
