/** ACL Anthology: real paper and author pages, reconstructed volume and event pages. */
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { aclAnthology } from '../../utils/detect/sites/acl-anthology';
import { fromHtml, loadPage } from './helpers/page';

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(file, url);
  return { kind: aclAnthology.detect(doc, u), papers: aclAnthology.extract(doc, u), doc, u };
}

describe('acl-anthology: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of aclAnthology.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['acl-anthology']);
    }
  });
  it('leaves alone PDFs, BibTeX, search and info pages', () => {
    for (const t of [
      'https://aclanthology.org/2021.naacl-main.208.pdf',
      'https://aclanthology.org/2021.naacl-main.208.bib',
      'https://aclanthology.org/search/?q=bert',
      'https://aclanthology.org/faq/',
      'https://aclanthology.org/',
      'https://aclanthology.org/venues/acl/',
    ])
      expect(aclAnthology.matches(new URL(t)), t).toBe(false);
  });
});

describe('acl-anthology: paper page (real)', () => {
  it('reads the citation meta, the anthology id from the URL and the DOI', () => {
    const { kind, papers } = run(
      'acl-anthology/paper_2021.naacl-main.208.html',
      'https://aclanthology.org/2021.naacl-main.208/',
    );
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: 'doi:10.18653/v1/2021.naacl-main.208',
      aliases: ['acl:2021.naacl-main.208'],
      title: 'How many data points is a prompt worth?',
      authors: ['Teven Le Scao', 'Alexander M. Rush'],
      year: 2021,
      url: 'https://aclanthology.org/2021.naacl-main.208/',
      pdfUrl: 'https://aclanthology.org/2021.naacl-main.208.pdf',
      kind: 'single',
    });
    expect(papers[0]!.venue).toMatch(
      /^Proceedings of the 2021 Conference of the North American Chapter/,
    );
    expect(papers[0]!.abstract).toMatch(/^When fine-tuning pretrained models/);
  });
});

describe('acl-anthology: listings', () => {
  it('reads an author page (real): ids, titles without fixed-case spans, authors, venues, years', () => {
    const { kind, papers } = run(
      'acl-anthology/author_andreas-madsack.html',
      'https://aclanthology.org/people/andreas-madsack/unverified/',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => p.id)).toEqual([
      'acl:2022.in2writing-1.1',
      'acl:W19-4201',
      'acl:W18-6560',
      'acl:W18-3607',
      'acl:K18-3004',
      'acl:W17-3524',
    ]);
    expect(papers[1]).toMatchObject({
      title: 'AX Semantics’ Submission to the SIGMORPHON 2019 Shared Task',
      authors: ['Andreas Madsack', 'Robert Weißgraeber'],
      year: 2019,
      venue:
        'Proceedings of the 16th Workshop on Computational Research in Phonetics, Phonology, and Morphology',
      url: 'https://aclanthology.org/W19-4201/',
      pdfUrl: 'https://aclanthology.org/W19-4201.pdf',
    });
    expect(papers[1]!.abstract).toMatch(/^This paper describes the AX Semantics’ submission/);
    expect(papers[0]!.element?.classList.contains('d-sm-flex')).toBe(true);
  });

  it('reads a volume page (reconstructed), skipping the front matter', () => {
    const { kind, papers } = run(
      'reconstructed/acl-anthology/volume_P19-1.html',
      'https://aclanthology.org/volumes/P19-1/',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => p.id)).toEqual([
      'acl:P19-1285',
      'acl:P19-1355',
      'acl:P19-1356',
      'acl:P19-1452',
    ]);
    expect(papers[0]).toMatchObject({
      title: 'Transformer-XL: Attentive Language Models beyond a Fixed-Length Context',
      authors: [
        'Zihang Dai',
        'Zhilin Yang',
        'Yiming Yang',
        'Jaime Carbonell',
        'Quoc Le',
        'Ruslan Salakhutdinov',
      ],
      year: 2019,
      venue:
        'Proceedings of the 57th Annual Meeting of the Association for Computational Linguistics',
    });
    expect(papers[0]!.element?.tagName).toBe('P');
    expect(papers[2]!.abstract).toBeUndefined();
  });

  it('reads an event page (reconstructed): each paper gets its own volume as venue', () => {
    const { papers } = run(
      'reconstructed/acl-anthology/event_emnlp-2021.html',
      'https://aclanthology.org/events/emnlp-2021/',
    );
    expect(papers.map((p) => [p.id, p.venue])).toEqual([
      [
        'acl:2021.emnlp-main.243',
        'Proceedings of the 2021 Conference on Empirical Methods in Natural Language Processing',
      ],
      [
        'acl:2021.emnlp-main.446',
        'Proceedings of the 2021 Conference on Empirical Methods in Natural Language Processing',
      ],
      [
        'acl:2021.emnlp-main.552',
        'Proceedings of the 2021 Conference on Empirical Methods in Natural Language Processing',
      ],
      [
        'acl:2021.emnlp-demo.21',
        'Proceedings of the 2021 Conference on Empirical Methods in Natural Language Processing: System Demonstrations',
      ],
    ]);
    expect(papers[2]!.title).toBe('SimCSE: Simple Contrastive Learning of Sentence Embeddings');
    expect(papers.every((p) => p.year === 2021 && p.kind === 'listing')).toBe(true);
  });

  it('ignores bold links that are not anthology papers, and pages without rows', () => {
    const { doc, url } = fromHtml(
      '<section id="main"><h2 id="title">Someone</h2><p><strong><a href="/faq/">FAQ</a></strong></p></section>',
      'https://aclanthology.org/people/someone/',
    );
    expect(aclAnthology.extract(doc, url)).toEqual([]);
    expect(detectPapers(doc, url).papers).toEqual([]);
  });
});
