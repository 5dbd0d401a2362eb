/**
 * OpenReview beyond tests/unit/detect-proceedings.test.ts: replies in lists, notes imported from
 * DBLP, /forum/<paperhash> pages and long author lists, on pages reconstructed from openreview-web's
 * own components (tests/fixtures/reconstructed/openreview/, each saying in its first line what it was built from).
 */
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import { openreview } from '../../utils/detect/sites/openreview';
import { fromHtml, loadPage } from './helpers/page';

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(`reconstructed/openreview/${file}`, url);
  return { kind: openreview.detect(doc, u), papers: openreview.extract(doc, u), doc, u };
}

const ids = (p: { id: string; aliases: string[] }) => [p.id, ...p.aliases];

describe('OpenReview lists: replies are not papers', () => {
  it('search results: skips reviews and comments, and reads the website link of each note', () => {
    const { kind, papers } = run(
      'search_replies.html',
      'https://openreview.net/search?term=vision+transformers&group=all&content=all&source=all',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => [ids(p), p.title])).toEqual([
      [['arxiv:2309.16588', 'openreview:2dnO3LLiJ1'], 'Vision Transformers Need Registers'],
      [
        ['doi:10.1109/cvpr.2016.90', 'openreview:dblpRec001'],
        'Deep Residual Learning for Image Recognition',
      ],
    ]);
    expect(papers[0]).toMatchObject({
      authors: ['Timothée Darcet', 'Maxime Oquab'],
      url: 'https://openreview.net/forum?id=2dnO3LLiJ1',
      pdfUrl: 'https://openreview.net/attachment?id=2dnO3LLiJ1&name=pdf',
      year: 2024,
    });
    expect(papers[1]!.authors).toEqual(['Kaiming He', 'Xiangyu Zhang']);
  });

  it('a venue page showing its Recent Activity tab (replies only) lists no paper', () => {
    const { kind, papers, doc, u } = run(
      'group_recent-activity.html',
      'https://openreview.net/group?id=ICLR.cc/2025/Conference#tab-recent-activity',
    );
    expect(kind).toBeNull();
    expect(papers).toEqual([]);
    expect(detectPapers(doc, u).papers).toEqual([]);
  });
});

describe('OpenReview forum pages', () => {
  it('a note imported from DBLP: ids from its PDF and website links, every author', () => {
    const { kind, papers } = run(
      'forum_dblp-import.html',
      'https://openreview.net/forum?id=dblpRec001',
    );
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    expect(ids(papers[0]!)).toEqual([
      'arxiv:1512.03385',
      'doi:10.1109/cvpr.2016.90',
      'openreview:dblpRec001',
    ]);
    expect(papers[0]).toMatchObject({
      title: 'Deep Residual Learning for Image Recognition',
      authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
      year: 2016,
      url: 'https://openreview.net/forum?id=dblpRec001',
      pdfUrl: 'https://arxiv.org/pdf/1512.03385',
    });
  });

  it('authors with institutions: names only, not the numbers or the institution list', () => {
    const { doc, url } = fromHtml(
      `<div class="forum-note"><div class="forum-title"><h2 class="citation_title">A Paper</h2></div>` +
        `<div class="forum-authors mb-2"><h3><span>` +
        `<span class="note-author-with-institutions"><a href="/profile?id=~Ann_Bee1">Ann Bee</a><sup>1,2</sup></span>, ` +
        `<span>Cy Dee</span>, <a href="https://dblp.org/pid/00/1.html">Di Eff</a> ` +
        `<span class="glyphicon glyphicon-eye-open private-contents-icon"></span></span>` +
        `<div class="note-authors-institutions"><div><sup>1</sup> Some University (some.edu)</div>` +
        `<div><sup>2</sup> <span>Other Lab</span> (other.org)</div></div></h3></div></div>`,
      'https://openreview.net/forum?id=Ab12Cd34Ef',
    );
    expect(openreview.extract(doc, url)[0]!.authors).toEqual(['Ann Bee', 'Cy Dee', 'Di Eff']);
  });

  it('/forum/<paperhash>: the forum id from citation_pdf_url', () => {
    const url = 'https://openreview.net/forum/darcet|vision_transformers_need_registers';
    const { kind, papers, doc, u } = run('forum_paperhash.html', url);
    expect(kind).toBe('single');
    expect(papers.map(ids)).toEqual([['openreview:2dnO3LLiJ1']]);
    expect(papers[0]).toMatchObject({
      url: 'https://openreview.net/forum?id=2dnO3LLiJ1',
      authors: ['Timothée Darcet', 'Maxime Oquab'],
      year: 2024,
    });
    expect(detectPapers(doc, u).sources).toEqual(['openreview']);
  });

  it('/forum/<paperhash> of a note without a PDF: the forum id from the Revisions link', () => {
    const { doc, url } = fromHtml(
      `<title>A Paper | OpenReview</title><meta name="citation_title" content="A Paper">` +
        `<div class="forum-note"><div class="forum-title"><h2 class="citation_title">A Paper</h2></div>` +
        `<div class="forum-meta"><span class="date item">Published: 01 Jan 2025</span>` +
        `<span class="item"><a href="/revisions?id=Ab12Cd34Ef">Revisions</a></span></div></div>`,
      'https://openreview.net/forum/bee%7Ca_paper',
    );
    expect(openreview.extract(doc, url).map(ids)).toEqual([['openreview:Ab12Cd34Ef']]);
  });
});

describe('OpenReview author lists', () => {
  it('past 20 authors, the "et al. (N additional authors not shown)" expander is not a name', () => {
    const { papers } = run(
      'group_21-authors.html',
      'https://openreview.net/group?id=ICLR.cc/2024/Conference#tab-accept-oral',
    );
    expect(papers).toHaveLength(1);
    const { authors } = papers[0]!;
    expect(authors).toHaveLength(20);
    expect(authors[19]).toBe('Author20 Name20');
    expect(authors.some((a) => /et al|not shown/.test(a))).toBe(false);
  });
});
