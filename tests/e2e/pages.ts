/**
 * Pages built by the tests (not saved from sites): a reading-group page of links, and a hostile
 * page. Real saved pages come from tests/fixtures via fixtureUrl().
 */
export const READING_LIST_URL = 'https://reading-group.example.org/fall-2026.html';

/** Lists papers by links that carry their ids, the way lab and reading-group pages do. */
export function readingList(items: Array<{ href: string; title: string }>): string {
  const li = items
    .map(
      ({ href, title }) =>
        `<li><a href="${href}">${escapeHtml(title)}</a> — discussed in week 3</li>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Reading group, fall 2026</title></head>
<body><h1>Reading group</h1><ul>${li}</ul></body></html>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const HOSTILE_URL = 'https://hostile.example.org/list.html';

/** Script in titles and authors, javascript: links, megabyte strings and 100,000 rows. */
export function hostilePage(rows = 100_000): string {
  const big = 'A'.repeat(1_000_000);
  const head = `<!doctype html><html><head><meta charset="utf-8"><title>&lt;script&gt;window.__pwned=1&lt;/script&gt;</title></head><body><ul>
<li><a href="https://arxiv.org/abs/2106.09608">&lt;img src=x onerror="window.__pwned=1"&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; Poisoned title</a></li>
<li><a href="javascript:window.__pwned=1">arXiv:2301.00001 javascript link</a></li>
<li><a href="https://arxiv.org/abs/2301.00002">${big}</a></li>
<li><a href="https://doi.org/10.1000/${'x'.repeat(5000)}">long doi</a></li>`;
  const parts: string[] = [head];
  for (let i = 0; i < rows; i++) {
    const id = `2401.${String(10000 + (i % 90000)).padStart(5, '0')}`;
    parts.push(
      `<li><a href="https://arxiv.org/abs/${id}" onclick="window.__pwned=1">Row ${i} &lt;b onmouseover=window.__pwned=1&gt;</a></li>`,
    );
  }
  parts.push('</ul></body></html>');
  return parts.join('\n');
}
