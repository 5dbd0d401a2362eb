import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const aclAnthology: Adapter = {
  id: 'acl-anthology',
  matches: (u) => u.hostname === 'aclanthology.org',
  testUrls: ['https://aclanthology.org/2021.naacl-main.208/'],
  detect: () => null,
  extract: () => [],
};
