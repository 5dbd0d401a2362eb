import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const biorxiv: Adapter = {
  id: 'biorxiv',
  matches: (u) => /(^|\.)(bio|med)rxiv\.org$/.test(u.hostname),
  testUrls: ['https://www.biorxiv.org/content/10.1101/2020.01.01.000001v1'],
  detect: () => null,
  extract: () => [],
};
