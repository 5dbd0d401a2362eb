import type { Adapter } from '../adapter';

// Placeholder: matches its site but detects nothing yet.
export const cvf: Adapter = {
  id: 'cvf',
  matches: (u) => u.hostname === 'openaccess.thecvf.com',
  testUrls: ['https://openaccess.thecvf.com/CVPR2024'],
  detect: () => null,
  extract: () => [],
};
