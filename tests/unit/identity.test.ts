import { describe, expect, it } from 'vitest';
import {
  buildIdentity,
  canonicalId,
  idsFromUrl,
  normalizeArxiv,
  normalizeDoi,
  normalizeTitle,
} from '../../utils/identity';

describe('identity scheme', () => {
  it('normalizes arXiv ids, new and old style', () => {
    expect(normalizeArxiv('arXiv:2106.09608v2')).toBe('2106.09608');
    expect(normalizeArxiv('math.GT/0309136')).toBe('math/0309136');
    expect(normalizeArxiv('hep-th/9901001v3')).toBe('hep-th/9901001');
    expect(normalizeArxiv('not an id')).toBeNull();
  });

  it('normalizes DOIs to lower case and strips prefixes and punctuation', () => {
    expect(normalizeDoi('https://doi.org/10.1103/PhysRevX.12.041027')).toBe(
      '10.1103/physrevx.12.041027',
    );
    expect(normalizeDoi('doi:10.1000/ABC.')).toBe('10.1000/abc');
    expect(normalizeDoi('10.1007%2Fs10924-010-0192-1')).toBe('10.1007/s10924-010-0192-1');
    expect(normalizeDoi('10.1016/S0140-6736(20)30183-5')).toBe('10.1016/s0140-6736(20)30183-5');
    expect(normalizeDoi('(see 10.1000/xyz)')).toBeNull();
    expect(normalizeDoi('10.1000/xyz)')).toBe('10.1000/xyz');
  });

  it('maps arXiv DataCite DOIs to arXiv ids', () => {
    expect(canonicalId('doi:10.48550/arXiv.2106.09608')).toBe('arxiv:2106.09608');
  });

  it('normalizes titles', () => {
    expect(normalizeTitle('  Über   Attention: Is *All* You Need?! ')).toBe(
      'uber attention is all you need',
    );
  });

  it('orders ids by priority and falls back to the title', () => {
    expect(
      buildIdentity(['acl:2021.naacl-main.208', 'doi:10.18653/V1/2021.naacl-main.208'], 'x'),
    ).toEqual({
      id: 'doi:10.18653/v1/2021.naacl-main.208',
      aliases: ['acl:2021.naacl-main.208'],
    });
    expect(buildIdentity([], 'Deep Learning')).toEqual({ id: 'title:deep learning', aliases: [] });
    expect(buildIdentity([], '  ')).toBeNull();
  });

  it('gives one id the same identity on the short path as among others', () => {
    expect(buildIdentity(['arxiv:2106.09608'], 'x')).toEqual({
      id: 'arxiv:2106.09608',
      aliases: [],
    });
    expect(buildIdentity(['ARXIV:2106.09608v2 '], 'x')).toEqual({
      id: 'arxiv:2106.09608',
      aliases: [],
    });
    expect(buildIdentity(['doi:10.48550/arXiv.2106.09608'], 'x')).toEqual({
      id: 'arxiv:2106.09608',
      aliases: ['doi:10.48550/arxiv.2106.09608'],
    });
    expect(buildIdentity(['title:Some Paper'], 'Deep Learning')).toEqual({
      id: 'title:deep learning',
      aliases: [],
    });
    expect(buildIdentity(['arxiv:nope'], 'Deep Learning')).toEqual({
      id: 'title:deep learning',
      aliases: [],
    });
    expect(buildIdentity([''], '')).toBeNull();
    expect(canonicalId('arxiv:2106.09608')).toBe('arxiv:2106.09608');
    expect(canonicalId('arxiv:2106.09608 ')).toBe('arxiv:2106.09608');
    expect(normalizeArxiv(' 2106.09608 ')).toBe('2106.09608');
    expect(normalizeArxiv('2106.09608v3')).toBe('2106.09608');
  });

  it('reads ids off links', () => {
    expect(idsFromUrl('https://arxiv.org/pdf/2106.09608v2')).toEqual(['arxiv:2106.09608']);
    expect(idsFromUrl('/abs/math.GT/0309136', 'https://arxiv.org/list/math/new')).toEqual([
      'arxiv:math/0309136',
    ]);
    expect(idsFromUrl('https://huggingface.co/papers/2509.24002')).toEqual(['arxiv:2509.24002']);
    expect(idsFromUrl('https://openreview.net/forum?id=abc_XYZ1')).toEqual(['openreview:abc_XYZ1']);
    expect(idsFromUrl('https://pubmed.ncbi.nlm.nih.gov/20565167/')).toEqual(['pmid:20565167']);
    expect(idsFromUrl('https://aclanthology.org/W19-4201.pdf')).toEqual(['acl:W19-4201']);
    expect(idsFromUrl('https://www.tandfonline.com/doi/abs/10.1080/23311932.2015.1117749')).toEqual(
      ['doi:10.1080/23311932.2015.1117749'],
    );
    expect(idsFromUrl('javascript:alert(1)')).toEqual([]);
  });

  it('reads DOIs that publishers spell in their own addresses', () => {
    // Nature Portfolio: the article's name is the DOI's suffix.
    expect(idsFromUrl('https://www.nature.com/articles/s41586-020-2649-2')).toEqual([
      'doi:10.1038/s41586-020-2649-2',
    ]);
    for (const pdfOrNot of ['', '.pdf'])
      expect(idsFromUrl(`https://www.nature.com/articles/nature14539${pdfOrNot}`)).toEqual([
        'doi:10.1038/nature14539',
      ]);
    expect(idsFromUrl('https://www.nature.com/nature/articles?type=article')).toEqual([]);
    // PLOS: the DOI as the `id` query value.
    expect(
      idsFromUrl('https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456'),
    ).toEqual(['doi:10.1371/journal.pone.0123456']);
    expect(idsFromUrl('https://example.org/view?id=12345')).toEqual([]);
    // Two views after the DOI (Emerald): both go.
    expect(
      idsFromUrl('https://www.emerald.com/insight/content/doi/10.1108/JD-01-2020-0001/full/html'),
    ).toEqual(['doi:10.1108/jd-01-2020-0001']);
    // dblp's mirror names the same records.
    expect(idsFromUrl('https://dblp.dagstuhl.de/rec/conf/icml/SmithJ.html')).toEqual([
      'dblp:conf/icml/SmithJ',
    ]);
  });
});

describe('idsFromUrl: DOIs and arXiv ids in more publishers’ addresses', () => {
  it.each([
    [
      'https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.116.061102',
      'doi:10.1103/physrevlett.116.061102',
    ],
    [
      'https://journals.aps.org/prb/fulltext/10.1103/PhysRevB.101.045120',
      'doi:10.1103/physrevb.101.045120',
    ],
    [
      'https://www.annualreviews.org/content/journals/10.1146/annurev-statistics-040720-031848',
      'doi:10.1146/annurev-statistics-040720-031848',
    ],
    [
      'https://www.frontiersin.org/articles/10.3389/fpsyg.2020.01234/full',
      'doi:10.3389/fpsyg.2020.01234',
    ],
    [
      'https://bmcbioinformatics.biomedcentral.com/articles/10.1186/s12859-020-03546-x',
      'doi:10.1186/s12859-020-03546-x',
    ],
    ['https://www.semanticscholar.org/arxiv/2106.09685', 'arxiv:2106.09685'],
    ['https://www.semanticscholar.org/arxiv/math/0309136v2', 'arxiv:math/0309136'],
  ])('%s', (href, id) => {
    expect(idsFromUrl(href)).toEqual([id]);
  });

  it('reads no id from those words without a whole DOI after them', () => {
    for (const href of [
      'https://journals.aps.org/prl/abstract/10.1103/',
      'https://example.org/files/pdf/10.5/report',
      'https://www.annualreviews.org/content/journals/10.1146',
      'https://www.semanticscholar.org/arxiv/',
    ])
      expect(idsFromUrl(href), href).toEqual([]);
  });
});
