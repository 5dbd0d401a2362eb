/**
 * Generic single-paper readers on publisher and repository pages we have no saved copy of:
 * reconstructed probes (tests/fixtures/reconstructed/generic-articles/, each naming its evidence in
 * its first line) and inline pages for edge cases.
 */
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import { personName } from '../../utils/detect/generic/meta-tags';
import { fromHtml, loadPage } from './helpers/page';

const probe = (file: string, url: string) => {
  const { doc, url: u } = loadPage(`reconstructed/generic-articles/${file}`, url);
  return detectPapers(doc, u);
};

describe('meta tags: Dublin Core with contributors only (Atypon, Emerald Insight)', () => {
  const url = 'https://www.emerald.com/insight/content/doi/10.1108/SR-02-2018-0099/full/html';

  it('is the page paper, not the reference link beside it', () => {
    const d = probe('emerald-dc-contributor.html', url);
    expect(d.sources).toEqual(['meta-tags']);
    expect(d.papers).toHaveLength(1);
    const p = d.papers[0]!;
    expect(p.id).toBe('doi:10.1108/sr-02-2018-0099');
    expect(p.title).toBe('Probe measurements of widget drift under spatial registration');
    expect(p.authors).toEqual(['Ada Example', 'Bo Sample']);
    expect(p.year).toBe(2019);
    expect(p.venue).toBe('Sensor Review');
    expect(p.abstract).toMatch(/^Widget drift is measured/);
    expect(p.url).toBe(url);
  });

  it('keeps no DOI misread from the /doi/…/full/html address beside the tagged one', () => {
    expect(probe('emerald-dc-contributor.html', url).papers[0]!.aliases).toEqual([]);
    const html = `<html><head>
      <meta name="citation_title" content="Tagged"><meta name="citation_author" content="Ada Example">
      <meta name="citation_doi" content="10.1108/SR-02-2018-0099"></head><body></body></html>`;
    const { doc, url: u } = fromHtml(html, url);
    const p = detectPapers(doc, u).papers[0]!;
    expect(p.id).toBe('doi:10.1108/sr-02-2018-0099');
    expect(p.aliases).toEqual([]);
  });

  it('still takes an address id of another kind (HAL beside a DOI)', () => {
    const html = `<html><head>
      <meta name="citation_title" content="A HAL paper"><meta name="citation_author" content="Ada Example">
      <meta name="citation_doi" content="10.1234/hal.1"></head><body></body></html>`;
    const { doc, url: u } = fromHtml(html, 'https://hal.science/hal-01234567v2/document');
    const p = detectPapers(doc, u).papers[0]!;
    expect(p.id).toBe('doi:10.1234/hal.1');
    expect(p.aliases).toEqual(['hal:hal-01234567']);
  });

  it('contributors do not count where creators exist', () => {
    const html = `<html><head>
      <meta name="dc.title" content="Creators first"><meta name="dc.creator" content="Ada Example">
      <meta name="dc.contributor" content="Ed Itor"><meta name="dc.identifier" content="doi:10.1234/cf.1">
      </head><body></body></html>`;
    const { doc, url: u } = fromHtml(html, 'https://example.org/a/1');
    expect(detectPapers(doc, u).papers[0]!.authors).toEqual(['Ada Example']);
  });

  it('contributors and a title alone are not a paper', () => {
    const html = `<html><head>
      <meta name="dc.title" content="Our team"><meta name="dc.contributor" content="Ada Example">
      </head><body></body></html>`;
    const { doc, url: u } = fromHtml(html, 'https://example.org/team');
    expect(detectPapers(doc, u).papers).toEqual([]);
  });
});

describe('JSON-LD: author nodes and DataCite names', () => {
  it('resolves an author given as an @id reference to a Person node of the same @graph', () => {
    const d = probe('graph-author-refs.html', 'https://example.org/papers/rule-engines');
    expect(d.sources).toEqual(['json-ld']);
    expect(d.papers).toHaveLength(1);
    const p = d.papers[0]!;
    expect(p.id).toBe('doi:10.5281/zenodo.1234567');
    expect(p.title).toBe('Rule engines for widget triage');
    expect(p.authors).toEqual(['Ada Example']);
    expect(p.year).toBe(2025);
    expect(p.url).toBe('https://zenodo.org/records/1234567');
  });

  it('reads "Family, Given" person names in order, and leaves organizations alone', () => {
    const d = probe('zenodo-jsonld-creators.html', 'https://zenodo.org/records/7654321');
    expect(d.papers).toHaveLength(1);
    const p = d.papers[0]!;
    expect(p.id).toBe('doi:10.5281/zenodo.7654321');
    expect(p.authors).toEqual(['Ada Example', 'Bo Sample', 'Widget Consortium, Inc.']);
    expect(p.year).toBe(2023);
    expect(p.abstract).toBe('A census of widgets.');
    expect(p.pdfUrl).toBe('https://zenodo.org/records/7654321/files/census.pdf');
  });

  it('an unresolvable @id reference gives no author, not its address', () => {
    const html = `<html><head><script type="application/ld+json">
      {"@type":"ScholarlyArticle","name":"Dangling","author":{"@id":"#nobody"},"identifier":"doi:10.1234/d.1"}
      </script></head><body></body></html>`;
    const { doc, url: u } = fromHtml(html, 'https://example.org/d');
    const p = detectPapers(doc, u).papers[0]!;
    expect(p.id).toBe('doi:10.1234/d.1');
    expect(p.authors).toEqual([]);
  });
});

describe('personName', () => {
  it('does not turn a company suffix into a given name', () => {
    expect(personName('Widget Consortium, Inc.')).toBe('Widget Consortium, Inc.');
    expect(personName('Acme, Ltd')).toBe('Acme, Ltd');
    expect(personName('Example, Ada')).toBe('Ada Example');
  });
});
