/**
 * The big paper sites where the manifest loads the detector directly (utils/detect/direct-sites.ts)
 * must be sites the registry knows: each pattern covers some site adapter's own test URLs.
 */
import { describe, expect, it } from 'vitest';
import { DIRECT_MATCHES } from '../../utils/detect/direct-sites';
import { SITE_GATES } from '../../utils/detect/gate';
import { SITE_ADAPTERS } from '../../utils/detect/index';

/** Chrome match-pattern semantics for the simple forms used there: scheme, exact host, path glob. */
function matches(pattern: string, url: string): boolean {
  const m = /^(https?):\/\/([^/*]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`unsupported pattern ${pattern}`);
  const u = new URL(url);
  const path = new RegExp(`^${m[3]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return u.protocol === `${m[1]}:` && u.host === m[2] && path.test(u.pathname + u.search);
}

describe('sites where the detector loads without the gate', () => {
  it('every pattern covers test URLs of a site adapter that claims them', () => {
    for (const pattern of DIRECT_MATCHES) {
      const claimed = SITE_ADAPTERS.flatMap((a) =>
        a.testUrls
          .filter((u) => matches(pattern, u))
          .map((u) => SITE_GATES.find((g) => g.matches(new URL(u)))?.id),
      );
      expect(claimed.length, pattern).toBeGreaterThan(0);
      expect(
        claimed.every((id) => id !== undefined),
        pattern,
      ).toBe(true);
    }
  });

  it('reads patterns as the browser does', () => {
    expect(
      matches('https://huggingface.co/papers*', 'https://huggingface.co/papers/2106.09685'),
    ).toBe(true);
    expect(matches('https://huggingface.co/papers*', 'https://huggingface.co/posts')).toBe(false);
    expect(matches('https://arxiv.org/*', 'http://arxiv.org/abs/1')).toBe(false);
    expect(matches('https://arxiv.org/*', 'https://export.arxiv.org/abs/1')).toBe(false);
  });
});
