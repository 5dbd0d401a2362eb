/**
 * The library end to end: papers met on one page and met again on another under another id become
 * one paper with both sightings; visiting the paper's own page marks it opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, fixtureUrl, launch, readLibrary } from './harness';
import { READING_LIST_URL, readingList } from './pages';

const ACL_PAPER = 'acl-anthology/paper_2021.naacl-main.208.html';
const HF_PAPER = 'hf-papers/paper_2509.24002_prettified.html';

describe('library', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('merges a paper met under its DOI with its ACL Anthology page: one paper, two sightings, opened', async () => {
    h.serve(READING_LIST_URL, {
      html: readingList([
        {
          href: 'https://doi.org/10.18653/v1/2021.naacl-main.208',
          title: 'How many data points is a prompt worth?',
        },
        {
          href: 'https://doi.org/10.48550/arXiv.2509.24002',
          title: 'MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use',
        },
      ]),
    });
    const list = await h.open(READING_LIST_URL);
    await expect.poll(() => list.locator('paperdex-mark').count(), { timeout: 20_000 }).toBe(2);
    await expect
      .poll(async () => (await readLibrary(h)).papers.length, { timeout: 10_000 })
      .toBe(2);

    h.serve(fixtureUrl(ACL_PAPER), { file: ACL_PAPER });
    const acl = await h.open(fixtureUrl(ACL_PAPER));
    // Met before on the reading list, under its DOI: the mark says so on the paper's own page.
    await expect
      .poll(() => acl.locator('paperdex-mark').first().getAttribute('data-paperdex-state'), {
        timeout: 20_000,
      })
      .toBe('seen');

    await expect
      .poll(
        async () =>
          (await readLibrary(h)).sightings.filter((s) => s.paperId.includes('2021.naacl-main.208'))
            .length,
        {
          timeout: 10_000,
        },
      )
      .toBe(2);
    const lib = await readLibrary(h);
    const matches = lib.papers.filter((p) => p.ids.includes('acl:2021.naacl-main.208'));
    expect(matches).toHaveLength(1);
    const paper = matches[0]!;
    expect(paper.ids).toContain('doi:10.18653/v1/2021.naacl-main.208');
    expect(paper.state).toBe('opened');
    expect(paper.seenCount).toBe(2);
    expect(
      lib.sightings
        .filter((s) => s.paperId === paper.id)
        .map((s) => s.how)
        .sort(),
    ).toEqual(['listed', 'opened']);
  });

  it('merges a Hugging Face paper page with the arXiv DOI met earlier', async () => {
    h.serve(fixtureUrl(HF_PAPER), { file: HF_PAPER });
    const hf = await h.open(fixtureUrl(HF_PAPER));
    await expect
      .poll(
        () =>
          hf
            .locator('paperdex-mark[data-paperdex-id="arxiv:2509.24002"]')
            .first()
            .getAttribute('data-paperdex-state'),
        {
          timeout: 20_000,
        },
      )
      .toBe('seen');
    await expect
      .poll(
        async () => (await readLibrary(h)).papers.find((p) => p.id === 'arxiv:2509.24002')?.state,
        { timeout: 10_000 },
      )
      .toBe('opened');
    expect(h.unserved).toEqual([]);
    expect(h.extensionRequests).toEqual([]);
  });
});
