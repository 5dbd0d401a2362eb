import { describe, expect, it } from 'vitest';
import { fromPaperMemory } from '../../utils/formats/papermemory';
import { ImportError } from '../../utils/formats/types';
import { fixture } from './formats-samples';

function importError(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('fromPaperMemory', () => {
  const { papers, errors } = fromPaperMemory(fixture('papermemory-export.json'));

  it('reads every paper, skipping __dataVersion', () => {
    expect(errors).toEqual([]);
    expect(papers.map((p) => p.id)).toEqual([
      'arxiv:1706.03762',
      'doi:10.18653/v1/n19-1423',
      'openreview:YicbFdNTTy',
      'title:language models are few shot learners',
    ]);
    for (const p of papers) expect(p.source).toBe('import:papermemory');
  });

  it('maps its fields: "A and B" authors, string years, pdfLink, venue', () => {
    const a = papers[0]!;
    expect(a.title).toBe('Attention Is All You Need');
    expect(a.authors).toHaveLength(8);
    expect(a.authors[5]).toBe('Aidan N. Gomez');
    expect(a.year).toBe(2017);
    expect(a.venue).toBe('NeurIPS');
    expect(a.pdfUrl).toBe('https://arxiv.org/pdf/1706.03762.pdf');
    expect(papers[1]!.aliases).toEqual(['acl:N19-1423']);
    expect(papers[2]!.year).toBe(2021);
  });

  it('keeps the user data: favorite, tags, note, count, dates', () => {
    expect(papers[0]).toMatchObject({
      starred: true,
      tags: ['transformers', 'attention'],
      seenCount: 7,
      firstSeen: Date.parse('2023-02-14T09:12:44.120Z'),
      lastSeen: Date.parse('2024-01-08T17:40:03.918Z'),
    });
    expect(papers[0]!.note).toMatch(
      /^Accepted @ NeurIPS 2017 -- \[dblp\.org\]\nhttps:\/\/proceedings/,
    );
    expect(papers[1]).toMatchObject({ starred: false, seenCount: 2 });
    expect(papers[1]!.tags).toBeUndefined();
    expect(papers[3]).toMatchObject({ starred: true, tags: ['llm', 'prompting'], seenCount: 3 });
  });

  it('reads the "BibTeX as JSON" export too', () => {
    const { papers: bib } = fromPaperMemory(
      JSON.stringify({
        'Arxiv-1706.03762':
          '@article{vaswani2017attention, title={Attention Is All You Need}, journal={arXiv preprint arXiv:1706.03762}, year={2017}}',
        'ACL-N19-1423':
          '@inproceedings{devlin-etal-2019-bert, title = "{BERT}: Pre-training", doi = "10.18653/v1/N19-1423"}',
      }),
    );
    expect(bib.map((p) => [p.id, p.source])).toEqual([
      ['arxiv:1706.03762', 'import:papermemory'],
      ['doi:10.18653/v1/n19-1423', 'import:papermemory'],
    ]);
  });

  it('names the entries it skips and ignores fields of the wrong type', () => {
    const { papers: ps, errors: es } = fromPaperMemory(
      JSON.stringify({
        __dataVersion: 10000,
        'Arxiv-2106.09685': {
          title: 'LoRA',
          author: 42,
          year: 'unknown',
          tags: 'not-a-list',
          favorite: 'yes',
          count: -3,
          addDate: 'never',
        },
        broken: 'just text',
        empty: {},
      }),
    );
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ id: 'arxiv:2106.09685', title: 'LoRA', authors: [] });
    expect(ps[0]!.year).toBeUndefined();
    expect(ps[0]!.starred).toBeUndefined();
    expect(ps[0]!.seenCount).toBeUndefined();
    expect(ps[0]!.firstSeen).toBeUndefined();
    expect(es.map((e) => e.message)).toEqual([
      'Entry 2 ("broken") was skipped: it is not a paper (an object).',
      'Entry 3 ("empty") was skipped: it has neither a title nor an identifier (DOI, arXiv id, URL).',
    ]);
  });

  it('refuses what is not a PaperMemory export', () => {
    expect(importError(() => fromPaperMemory('')).message).toBe('The PaperMemory file is empty.');
    expect(importError(() => fromPaperMemory('[1, 2]')).message).toMatch(
      /^This is not a PaperMemory export/,
    );
    expect(importError(() => fromPaperMemory('{"__dataVersion": 3}')).message).toBe(
      'The PaperMemory file holds no entries.',
    );
    expect(importError(() => fromPaperMemory('{"a": {"title": "x"')).message).toMatch(
      /not valid JSON.*truncated/,
    );
  });
});
