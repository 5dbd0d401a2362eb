/**
 * Audit of single-paper pages of preprint servers and repositories (scratch/audit-repo/FINDINGS.md):
 * SSRN, EPrints, DSpace, Zenodo and PLOS pages reconstructed from the sites' own templates and
 * other scrapers' records, each naming its evidence in
 * tests/fixtures/reconstructed/repositories-audit.
 */
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import { fromHtml, loadPage } from './helpers/page';
import { checkReconstructed } from './helpers/reconstructed';

describe('reconstructed repository pages', () => checkReconstructed('repositories-audit'));

function detect(file: string, address: string) {
  const { doc, url } = loadPage(`reconstructed/repositories-audit/${file}`, address);
  return detectPapers(doc, url).papers;
}

describe('EPrints abstract pages', () => {
  it('names the paper by the DOI in eprints.id_number when the Highwire tags carry none', () => {
    const found = detect('eprints-34-article.html', 'https://eprints.example.ac.uk/38755/');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'doi:10.1002/nag.2230',
      aliases: [],
      title: 'Settlement of piled rafts in layered clay',
      authors: ['Alice Example', 'Bob Sample'],
      year: 2014,
      abstract: 'We model the settlement of piled rafts founded on layered clay.',
      url: 'https://eprints.example.ac.uk/38755/',
    });
  });

  it('does the same on an EPrints 3.3 page with Dublin Core and eprints.* tags only', () => {
    const found = detect('eprints-33-dc.html', 'https://eprints.example.ac.uk/1234/');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'doi:10.1111/j.1365-2494.2012.00123.x',
      aliases: [],
      title: 'Grazing and nitrogen loss in upland pasture',
      authors: ['Alice Example', 'Bob Sample'],
      year: 2012,
    });
  });

  it('reads a DOI from eprints.official_url when id_number holds none', () => {
    const { doc, url } = fromHtml(
      `<html><head>
      <meta name="eprints.title" content="A paper">
      <meta name="eprints.id_number" content="ISBN 978-0-19-853453-6">
      <meta name="eprints.official_url" content="https://doi.org/10.1093/example/123">
      <meta name="citation_title" content="A paper">
      <meta name="citation_author" content="Doe, Jane">
      </head><body><h1>A paper</h1></body></html>`,
      'https://eprints.example.ac.uk/99/',
    );
    const found = detectPapers(doc, url).papers;
    expect(found.map((p) => [p.id, p.aliases, p.authors])).toEqual([
      ['doi:10.1093/example/123', [], ['Jane Doe']],
    ]);
  });

  it('still needs a scholarly signal: EPrints fields alone do not make a paper', () => {
    const { doc, url } = fromHtml(
      `<html><head>
      <meta name="eprints.title" content="Repository news">
      <meta name="eprints.id_number" content="doi: 10.1002/nag.2230">
      </head><body><h1>Repository news</h1></body></html>`,
      'https://eprints.example.ac.uk/news.html',
    );
    expect(detectPapers(doc, url).papers).toEqual([]);
  });
});

describe('other repository pages read right before the audit', () => {
  it('SSRN: the SSRN DOI, authors flipped from "Family, Given " with a trailing space', () => {
    const found = detect(
      'ssrn-abstract.html',
      'https://papers.ssrn.com/sol3/papers.cfm?abstract_id=2862261',
    );
    expect(found.map((p) => [p.id, p.authors, p.year])).toEqual([
      ['doi:10.2139/ssrn.2862261', ['Charles Loeffler', 'Jordan Hyatt', 'Greg Ridgeway'], 2016],
    ]);
  });

  it('Zenodo (InvenioRDM): DataCite names flipped, first PDF kept', () => {
    const found = detect('zenodo-record-rdm.html', 'https://zenodo.org/records/54766');
    expect(found.map((p) => [p.id, p.authors, p.year, p.pdfUrl])).toEqual([
      [
        'doi:10.5281/zenodo.54766',
        ['Stefan Asenov'],
        2016,
        'https://zenodo.org/records/54766/files/Thesis.pdf',
      ],
    ]);
  });

  it('PLOS: markup-stripped title, no papers from citation_reference or the reference list', () => {
    const found = detect(
      'plos-article.html',
      'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0012345',
    );
    expect(found.map((p) => [p.id, p.title, p.authors])).toEqual([
      [
        'doi:10.1371/journal.pone.0012345',
        'Temperature shapes Wolbachia density in Drosophila melanogaster & its host range',
        ['Maria Rossi', 'Jean-Luc Dupont'],
      ],
    ]);
  });
});
