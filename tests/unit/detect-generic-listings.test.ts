/**
 * Generic listings without a site adapter: journal tables of contents, reading lists, reference
 * lists with COinS. Reconstructed pages (tests/fixtures/reconstructed/generic-listings, each naming
 * its evidence in its first line) and inline pages for the edge cases they gather.
 */
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import type { FoundPaper } from '../../utils/paper';
import { fromHtml } from './helpers/page';
import { checkReconstructed } from './helpers/reconstructed';

function one(html: string, url = 'https://example.org/reading'): FoundPaper[] {
  const { doc, url: u } = fromHtml(html, url);
  return detectPapers(doc, u).papers;
}

const ids = (ps: FoundPaper[]) => ps.map((p) => [p.id, ...p.aliases]);

describe('reconstructed generic listings', () => checkReconstructed('generic-listings'));

describe('id-links: two works in one row', () => {
  it('keeps a paper and its differently titled extended version apart, whatever the id kinds', () => {
    const found = one(`<main><ul><li>
      <a href="https://doi.org/10.1145/3292500.3330701">Optuna: A Next-generation Hyperparameter Optimization Framework</a>.
      Extended version of <a href="https://arxiv.org/abs/1907.10902">Optuna: A Define-by-Run Hyperparameter Optimization Framework</a>.
      </li></ul></main>`);
    expect(ids(found)).toEqual([['doi:10.1145/3292500.3330701'], ['arxiv:1907.10902']]);
  });

  it('keeps a paper and a cited baseline apart', () => {
    const found = one(`<main><ul><li>
      <a href="https://arxiv.org/abs/2005.14165">Language Models are Few-Shot Learners</a>, compared with
      <a href="https://aclanthology.org/N19-1423/">BERT: Pre-training of Deep Bidirectional Transformers</a>
      </li></ul></main>`);
    expect(found.map((p) => p.title)).toEqual([
      'Language Models are Few-Shot Learners',
      'BERT: Pre-training of Deep Bidirectional Transformers',
    ]);
  });

  it('still merges a DOI and an arXiv link of one work, labelled or titled alike', () => {
    const labelled = one(`<main><ul><li>Deep Residual Learning for Image Recognition.
      [<a href="https://doi.org/10.1109/CVPR.2016.90">DOI</a>] [<a href="https://arxiv.org/abs/1512.03385">arXiv</a>]</li></ul></main>`);
    expect(ids(labelled)).toEqual([['arxiv:1512.03385', 'doi:10.1109/cvpr.2016.90']]);
    const titled = one(`<main><ul><li>
      <a href="https://doi.org/10.1109/CVPR.2016.90">Deep Residual Learning for Image Recognition</a>
      (<a href="https://arxiv.org/abs/1512.03385">Deep residual learning for image recognition</a>)</li></ul></main>`);
    expect(ids(titled)).toEqual([['arxiv:1512.03385', 'doi:10.1109/cvpr.2016.90']]);
  });
});

describe('id-links: sidebars', () => {
  const list = `<ul><li><a href="https://arxiv.org/abs/1706.03762">Attention Is All You Need</a></li></ul>`;

  it('skips a page-level related-reading aside', () => {
    const found = one(`<main>${list}</main><aside><ul><li>
      <a href="https://arxiv.org/abs/1810.04805">BERT: Pre-training of Deep Bidirectional Transformers</a></li></ul></aside>`);
    expect(ids(found)).toEqual([['arxiv:1706.03762']]);
  });

  it('keeps an aside inside the article, a note on the listed work', () => {
    const found = one(`<main><article>${list}<aside>See also
      <a href="https://arxiv.org/abs/1810.04805">BERT: Pre-training of Deep Bidirectional Transformers</a></aside></article></main>`);
    expect(ids(found)).toEqual([['arxiv:1706.03762'], ['arxiv:1810.04805']]);
  });

  it('skips a publisher "cited by" block', () => {
    const found = one(
      `<main>${list}<section class="cited-by"><h2>Cited by</h2><ul><li>
      <a href="/doi/10.1145/3583780.3615000">A later paper that cites this one</a></li></ul></section></main>`,
      'https://dl.acm.org/toc/tois/41/1',
    );
    expect(ids(found)).toEqual([['arxiv:1706.03762']]);
  });
});

describe('coins: spellings of the identifier and of the genre', () => {
  const span = (ctx: string) =>
    `<main><ul><li><span class="Z3988" title="${ctx}"></span>ref</li></ul></main>`;

  it('reads rft.id (with a stray space) and an encoded info:DOI', () => {
    const found = one(
      span(
        'ctx_ver=Z39.88-2004&amp;rft.genre=article&amp;rft.atitle=A+study+of+things&amp; rft.id=info:DOI/10.1051%2Fgse%3A2002039',
      ),
    );
    expect(ids(found)).toEqual([['doi:10.1051/gse:2002039']]);
  });

  it('reads a bare DOI in rft_id', () => {
    const found = one(
      span(
        'ctx_ver=Z39.88-2004&amp;rft.genre=article&amp;rft.atitle=A+study+of+things&amp;rft_id=10.1000%2Fxyz123',
      ),
    );
    expect(ids(found)).toEqual([['doi:10.1000/xyz123']]);
  });

  it('drops a book item with no part title (a cited web page)', () => {
    const found = one(
      span(
        'ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&amp;rft.genre=bookitem&amp;rft.btitle=Some+press+release&amp;rft.atitle=&amp;rft_id=http%3A%2F%2Fpress.example.com%2F42',
      ),
    );
    expect(found).toEqual([]);
  });

  it('drops the closing full stop a citation generator copied into the title', () => {
    const found = one(
      span(
        'ctx_ver=Z39.88-2004&amp;rft.genre=article&amp;rft.atitle=Fiji%3A+an+open-source+platform.&amp;rft_id=info%3Apmid%2F22743772',
      ),
    );
    expect(found.map((p) => p.title)).toEqual(['Fiji: an open-source platform']);
  });
});

describe('publishers that spell the DOI in their own addresses', () => {
  it('a reading list linking Nature and PLOS articles, not doi.org, names each by its DOI', () => {
    const papers = one(`<main><h1>Reading list</h1><ul>
      <li><a href="https://www.nature.com/articles/s41586-020-2649-2">Array programming with NumPy</a></li>
      <li><a href="https://www.nature.com/articles/nature14539">Deep learning</a>
        (<a href="https://www.nature.com/articles/nature14539.pdf">PDF</a>)</li>
      <li><a href="https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0130140">On
        pixel-wise explanations</a></li>
      <li><a href="https://www.nature.com/nature/articles?type=article">More from Nature</a></li>
    </ul></main>`);
    expect(papers.map((p) => [p.id, p.title])).toEqual([
      ['doi:10.1038/s41586-020-2649-2', 'Array programming with NumPy'],
      ['doi:10.1038/nature14539', 'Deep learning'],
      ['doi:10.1371/journal.pone.0130140', 'On pixel-wise explanations'],
    ]);
  });
});
