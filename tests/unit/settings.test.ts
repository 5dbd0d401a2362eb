import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  normalizeHost,
  pageWanted,
  parseSettings,
  siteDisabled,
} from '../../utils/settings';

describe('settings', () => {
  it('parses anything from storage into valid settings', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('x')).toEqual(DEFAULT_SETTINGS);
    expect(
      parseSettings({
        highlight: 'no',
        paused: true,
        disabledSites: ['https://www.Example.org/x', 7, 'bad host!', 'example.org'],
        extra: 1,
      }),
    ).toEqual({ ...DEFAULT_SETTINGS, paused: true, disabledSites: ['example.org'] });
    expect(normalizeHost('javascript:alert(1)')).toBe('');
  });

  it('disables a site and its subdomains, not look-alikes', () => {
    const s = { ...DEFAULT_SETTINGS, disabledSites: ['example.org'] };
    expect(siteDisabled(s, 'www.example.org')).toBe(true);
    expect(siteDisabled(s, 'a.example.org')).toBe(true);
    expect(siteDisabled(s, 'notexample.org')).toBe(false);
  });

  it('wants a page unless the site is off, the window is private, or there is nothing to do', () => {
    const d = DEFAULT_SETTINGS;
    expect(pageWanted(d, 'arxiv.org', false)).toBe(true);
    expect(pageWanted(d, 'arxiv.org', true)).toBe(false);
    expect(pageWanted({ ...d, incognito: true }, 'arxiv.org', true)).toBe(true);
    expect(pageWanted({ ...d, disabledSites: ['arxiv.org'] }, 'arxiv.org', false)).toBe(false);
    // Paused still shows marks; paused with marks off has nothing left to do.
    expect(pageWanted({ ...d, paused: true }, 'arxiv.org', false)).toBe(true);
    expect(pageWanted({ ...d, highlight: false }, 'arxiv.org', false)).toBe(true);
    expect(pageWanted({ ...d, paused: true, highlight: false }, 'arxiv.org', false)).toBe(false);
  });
});
