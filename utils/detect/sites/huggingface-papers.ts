import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const huggingfacePapers: Adapter = {
  id: 'huggingface-papers',
  matches: (u) => u.hostname === 'huggingface.co' && /^\/papers(\/|$)/.test(u.pathname),
  testUrls: ['https://huggingface.co/papers/2509.24002'],
  detect: () => null,
  extract: () => [],
};
