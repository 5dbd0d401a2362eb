/**
 * ACM Digital Library, Springer Link and Wiley Online Library pages read by the generic detectors:
 * reconstructed listings (tests/fixtures/reconstructed/publishers, each naming its evidence in its
 * first line) and inline pages for single rows and article pages.
 */
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import type { FoundPaper } from '../../utils/paper';
import { fromHtml } from './helpers/page';
import { checkReconstructed } from './helpers/reconstructed';

function found(html: string, url: string): FoundPaper[] {
  const { doc, url: u } = fromHtml(html, url);
  return detectPapers(doc, u).papers;
}

const ids = (ps: FoundPaper[]) => ps.map((p) => [p.id, ...p.aliases]);

describe('reconstructed publisher pages', () => checkReconstructed('publishers'));

describe('id-links: a row naming the volume that holds its paper', () => {
  it('drops an ACM volume link whose DOI is the stem of the row paper', () => {
    const ps = found(
      `<main><ul><li class="search__item">
        <h5 class="issue-item__title"><a href="/doi/10.1145/3580305.3599256">Graph Neural Networks for Sparse Tabular Forecasting</a></h5>
        <a href="/doi/book/10.1145/3580305">KDD '23: Proceedings of the 29th ACM SIGKDD Conference</a>
      </li></ul></main>`,
      'https://dl.acm.org/action/doSearch?AllField=graph',
    );
    expect(ids(ps)).toEqual([['doi:10.1145/3580305.3599256']]);
    expect(ps[0]!.title).toBe('Graph Neural Networks for Sparse Tabular Forecasting');
  });

  it('keeps a book that is a search result of its own', () => {
    const ps = found(
      `<main><ol>
        <li><h3><a href="/book/10.1007/978-3-031-43412-9">Machine Learning and Knowledge Discovery in Databases</a></h3></li>
        <li><h3><a href="/chapter/10.1007/978-3-031-43412-9_12">Contrastive Pretraining for Tabular Data</a></h3></li>
      </ol></main>`,
      'https://link.springer.com/search?query=tabular',
    );
    expect(ids(ps)).toEqual([
      ['doi:10.1007/978-3-031-43412-9'],
      ['doi:10.1007/978-3-031-43412-9_12'],
    ]);
  });

  it('keeps two works in one row when neither link is to a volume', () => {
    const ps = found(
      `<main><ul><li>
        <a href="https://doi.org/10.1371/journal.pone.0123456">Bird Song Learning in Urban Noise</a>;
        <a href="https://doi.org/10.1371/journal.pone.0123456.g001">Spectrograms of Urban Bird Song Recordings</a>
      </li></ul></main>`,
      'https://example.org/reading',
    );
    expect(ids(ps)).toEqual([
      ['doi:10.1371/journal.pone.0123456'],
      ['doi:10.1371/journal.pone.0123456.g001'],
    ]);
  });
});
