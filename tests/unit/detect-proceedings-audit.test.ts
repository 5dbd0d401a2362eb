/**
 * Audit of conference-proceedings tables of contents that had no site adapter
 * (scratch/audit-proc/FINDINGS.md): AAAI issues on OJS, IJCAI proceedings, JMLR volumes, USENIX
 * programs and the ECVA's ECCV list, on reconstructed pages naming their evidence in
 * tests/fixtures/reconstructed/proceedings-audit; their single-paper pages are left to meta-tags.
 */
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { gate } from '../../utils/detect/gate';
import { aaai } from '../../utils/detect/sites/aaai';
import { ecva } from '../../utils/detect/sites/ecva';
import { ijcai } from '../../utils/detect/sites/ijcai';
import { jmlr } from '../../utils/detect/sites/jmlr';
import { usenix } from '../../utils/detect/sites/usenix';
import { fromHtml, loadPage } from './helpers/page';
import { checkReconstructed } from './helpers/reconstructed';

const DIR = 'reconstructed/proceedings-audit/';

function detect(file: string, url: string) {
  const { doc, url: u } = loadPage(DIR + file, url);
  return { doc, r: detectPapers(doc, u) };
}

describe('reconstructed proceedings pages', () => checkReconstructed('proceedings-audit'));

describe('proceedings listings: every paper row, named by title, nothing else', () => {
  it('AAAI issue: four summaries, subtitles joined, section headings and PDF links skipped', () => {
    const { r } = detect('aaai-issue.html', 'https://ojs.aaai.org/index.php/AAAI/issue/view/548');
    expect(r.sources).toEqual(['aaai']);
    expect(r.papers.map((p) => [p.id, p.title, p.url])).toEqual([
      [
        'title:learning sparse widget graphs for traffic forecasting',
        'Learning Sparse Widget Graphs for Traffic Forecasting',
        'https://ojs.aaai.org/index.php/AAAI/article/view/25064',
      ],
      [
        'title:counterfactual crop yield estimation a causal view of satellite imagery',
        'Counterfactual Crop Yield Estimation: A Causal View of Satellite Imagery',
        'https://ojs.aaai.org/index.php/AAAI/article/view/25065',
      ],
      [
        'title:memory consolidation in continual reinforcement learners',
        'Memory Consolidation in Continual Reinforcement Learners',
        'https://ojs.aaai.org/index.php/AAAI/article/view/25100',
      ],
      [
        'title:analogical reasoning with structured prompts',
        'Analogical Reasoning with Structured Prompts',
        'https://ojs.aaai.org/index.php/AAAI/article/view/25101',
      ],
    ]);
    expect(r.papers[0]!.authors).toEqual(['Ana Ruiz', 'Bo Chen', 'Chidi Okafor']);
    expect(r.papers.every((p) => p.year === 2023 && p.venue === 'AAAI')).toBe(true);
  });

  it('IJCAI year: four paper wrappers across tracks, with page and PDF', () => {
    const { r } = detect('ijcai-2023.html', 'https://www.ijcai.org/proceedings/2023/');
    expect(r.sources).toEqual(['ijcai']);
    expect(r.papers.map((p) => p.id)).toEqual([
      'title:coalition formation with bounded rationality',
      'title:learning to negotiate over shared widgets',
      'title:zero shot segmentation via language anchors',
      'title:a survey on widget based planning',
    ]);
    expect(r.papers[0]).toMatchObject({
      title: 'Coalition Formation with Bounded Rationality',
      authors: ['Ana Ruiz', 'Bo Chen'],
      year: 2023,
      url: 'https://www.ijcai.org/proceedings/2023/1',
      pdfUrl: 'https://www.ijcai.org/proceedings/2023/0001.pdf',
    });
  });

  it('JMLR volume: one paper per dl, abs page and PDF, no "code" rows', () => {
    const { r } = detect('jmlr-v24.html', 'https://jmlr.org/papers/v24/');
    expect(r.sources).toEqual(['jmlr']);
    expect(r.papers.map((p) => [p.id, p.title])).toEqual([
      [
        'title:sparse widget regression in high dimensions',
        'Sparse Widget Regression in High Dimensions',
      ],
      [
        'title:convergence of stochastic widget descent',
        'Convergence of Stochastic Widget Descent',
      ],
      [
        'title:widgetlib a python library for widget learning',
        'widgetlib: A Python Library for Widget Learning',
      ],
    ]);
    expect(r.papers[1]).toMatchObject({
      authors: ['Chidi Okafor', 'Dara Singh', 'Eun-ji Park'],
      year: 2023,
      url: 'https://jmlr.org/papers/v24/21-0042.html',
      pdfUrl: 'https://jmlr.org/papers/volume24/21-0042/21-0042.pdf',
    });
  });

  it('USENIX program: papers only (no keynote or session headings), authors without affiliations', () => {
    const { r } = detect(
      'usenix-osdi23-sessions.html',
      'https://www.usenix.org/conference/osdi23/technical-sessions',
    );
    expect(r.sources).toEqual(['usenix']);
    expect(r.papers.map((p) => p.title)).toEqual([
      'Widget Kernels: Safe Extensibility Without Rebooting',
      'Scheduling Widgets at Microsecond Scale',
      'Crash-Consistent Widget Stores',
      'Log-Structured Merge Trees for Persistent Memory',
    ]);
    expect(r.papers[0]!.id).toBe('title:widget kernels safe extensibility without rebooting');
    expect(r.papers.map((p) => p.authors)).toEqual([
      ['Ana Ruiz', 'Chidi Okafor', 'Dara Singh'],
      ['Eun-ji Park', 'Farid Haddad', 'Greta Novak'],
      ['Hiro Tanaka'],
      ['Ines Costa', 'Jon Berg'],
    ]);
    expect(r.papers.every((p) => p.venue === 'OSDI' && p.year === 2023)).toBe(true);
  });

  it('ECVA list: every edition, year from the address, the paper PDF not the supplement', () => {
    const { r } = detect('ecva-papers.html', 'https://www.ecva.net/papers.php');
    expect(r.sources).toEqual(['ecva']);
    expect(r.papers.map((p) => [p.id, p.year])).toEqual([
      ['title:gaussian widgets segment and edit anything in 3d scenes', 2024],
      ['title:panoramic widget splatting for scene generation', 2024],
      ['title:adaptive sampling for real time widget fields', 2022],
      ['title:long widget generation with time agnostic tokenizers', 2022],
    ]);
    expect(r.papers[0]).toMatchObject({
      authors: ['Ana Ruiz', 'Bo Chen', 'Chidi Okafor'],
      pdfUrl: 'https://www.ecva.net/papers/eccv_2024/papers_ECCV/papers/04195.pdf',
    });
  });
});

describe('the gate opens on these listings (they carry no meta tags or id links)', () => {
  it.each([
    ['aaai-issue.html', 'https://ojs.aaai.org/index.php/AAAI/issue/view/548', 'aaai'],
    ['ijcai-2023.html', 'https://www.ijcai.org/proceedings/2023/', 'ijcai'],
    ['jmlr-v24.html', 'https://jmlr.org/papers/v24/', 'jmlr'],
    [
      'usenix-osdi23-sessions.html',
      'https://www.usenix.org/conference/osdi23/technical-sessions',
      'usenix',
    ],
    ['ecva-papers.html', 'https://www.ecva.net/papers.php', 'ecva'],
  ])('%s', (file, url, id) => {
    const { doc } = loadPage(DIR + file, url);
    expect(gate(doc, new URL(url))).toBe(id);
  });
});

describe('single-paper pages stay with the generic meta-tags adapter', () => {
  it.each([
    'https://ojs.aaai.org/index.php/AAAI/article/view/25064',
    'https://ojs.aaai.org/index.php/AAAI/issue/archive',
    'https://www.ijcai.org/proceedings/2023/1',
    'https://www.ijcai.org/proceedings/2023/0001.pdf',
    'https://jmlr.org/papers/v24/21-0001.html',
    'https://jmlr.org/papers/',
    'https://www.usenix.org/conference/osdi23/presentation/ruiz',
    'https://www.usenix.org/conference/usenixsecurity16/technical-sessions/presentation/razavi',
    'https://www.ecva.net/papers/eccv_2024/papers_ECCV/html/4195_ECCV_2024_paper.php',
  ])('no site adapter claims %s', (raw) => {
    expect(SITE_ADAPTERS.filter((a) => a.matches(new URL(raw))).map((a) => a.id)).toEqual([]);
  });

  it('a real USENIX presentation page still gives its paper', () => {
    const { doc, url } = loadPage(
      'usenix/paper_goyal_backpressure.html',
      'https://www.usenix.org/conference/nsdi22/presentation/goyal',
    );
    const r = detectPapers(doc, url);
    expect(r.sources).toEqual(['meta-tags']);
    expect(r.papers).toHaveLength(1);
  });
});

describe('claimed pages without papers yield none', () => {
  it.each([
    [
      aaai.id,
      'https://ojs.aaai.org/index.php/AAAI/issue/view/548',
      '<div class="obj_issue_toc"><div class="sections"><div class="section"><h2>AAAI Technical Track on Vision</h2></div></div></div>',
    ],
    [
      ijcai.id,
      'https://www.ijcai.org/proceedings/2023/',
      // A wrapper with neither a PDF nor a paper page names no paper.
      '<div class="proceedings"><div class="section_title"><h3>Main Track</h3></div><div class="paper_wrapper"><div class="title">Front Matter of the Proceedings</div></div></div>',
    ],
    [
      jmlr.id,
      'https://jmlr.org/papers/v24/',
      '<div id="content"><dl><dt>Editorial Board</dt><dd>Francis Bach, David Blei</dd></dl></div>',
    ],
    [
      usenix.id,
      'https://www.usenix.org/conference/osdi23/technical-sessions',
      '<article class="node node-session"><h2 class="node-title">Keynote Address</h2><p>Speaker: Ada Lovelace</p></article><article class="node node-session"><h2 class="node-title"><a href="/conference/osdi23/program/session-1">Break with Refreshments</a></h2></article>',
    ],
    [
      ecva.id,
      'https://www.ecva.net/papers.php',
      '<dl><dt class="ptitle"><a href="awards.php">Koenderink Prize Winners</a></dt><dd>2024</dd></dl>',
    ],
  ])('%s', (_id, url, body) => {
    const { doc, url: u } = fromHtml(`<!DOCTYPE html><html><body>${body}</body></html>`, url);
    expect(detectPapers(doc, u).papers).toEqual([]);
  });
});
