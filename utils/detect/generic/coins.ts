/**
 * COinS: `<span class="Z3988" title="ctx_ver=Z39.88-2004&rft.atitle=…">`, an OpenURL
 * ContextObject per cited work, emitted by library catalogues, repositories, reference managers'
 * web exports and wiki citation templates. The class name is the standard's own hook.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../../paper';
import type { Adapter } from '../adapter';
import { clean, yearOf } from '../dom';
import { makePaper } from '../make-paper';
import { personName } from './meta-tags';

/** Exported for the gate's hint (utils/detect/gate.ts). */
export const COINS_SELECTOR = 'span.Z3988[title]';
// A ContextObject is a few hundred characters; a longer title attribute is junk or hostile.
const MAX_CTX = 20_000;

/** Genres that name a paper-like work. `unknown` (web pages, news) and plain books do not. */
const PAPER_GENRE =
  /^(?:article|preprint|proceeding|conference|bookitem|report|dissertation|thesis)$/i;
const PAPER_FORMAT = /fmt:kev:mtx:(?:journal|dissertation)$/i;

/** Keys that carry an identifier: the standard's `rft_id`, and spellings generators use instead. */
const ID_KEY = /^(?:rft_id|rft\.id|rft\.identifier)$/i;

function idsOf(p: URLSearchParams): string[] {
  const ids: string[] = [];
  let seen = 0;
  for (const [key, raw] of p) {
    // Hand-edited ContextObjects ("&amp; rft.id=…") leave stray spaces in keys.
    const k = key.trim();
    if (k.toLowerCase() === 'rft.doi') {
      ids.push(`doi:${raw}`);
      continue;
    }
    if (!ID_KEY.test(k) || ++seen > LIMITS.aliases) continue;
    const v = raw.trim();
    const m = /^info:(doi|arxiv|pmid)\/(.+)$/i.exec(v);
    if (m) ids.push(`${m[1]!.toLowerCase()}:${m[2]!}`);
    else if (/^https?:\/\//i.test(v)) ids.push(...idsFromUrl(v));
    else if (/^(?:doi:\s*)?10\.\d{4,9}\//i.test(v)) ids.push(`doi:${v}`);
  }
  return ids;
}

function authorsOf(p: URLSearchParams): string[] {
  const out = p.getAll('rft.au').map((a) => personName(clean(a, LIMITS.author)));
  const last = clean(p.get('rft.aulast'), LIMITS.author);
  if (last) {
    const firstName = clean(p.get('rft.aufirst') ?? p.get('rft.auinit'), LIMITS.author);
    const full = clean(`${firstName} ${last}`, LIMITS.author);
    // rft.aulast usually repeats the first rft.au; keep one spelling.
    if (!out.some((a) => a.includes(last))) out.unshift(full);
  }
  return out.filter(Boolean).slice(0, LIMITS.authors);
}

export function readCoins(span: Element, base: URL): FoundPaper | null {
  const ctx = span.getAttribute('title') ?? '';
  if (!ctx || ctx.length > MAX_CTX) return null;
  const p = new URLSearchParams(ctx);
  const ids = idsOf(p);
  const genre = p.get('rft.genre') ?? '';
  const format = p.get('rft_val_fmt') ?? '';
  const paperLike = PAPER_GENRE.test(genre) || (!genre && PAPER_FORMAT.test(format));
  // A web page or a whole book is not a paper unless the record names it by a paper id.
  if (!paperLike && ids.length === 0) return null;
  // A "book item" without a part title is the whole thing: Wikipedia's older web citations are
  // spelt so, with the page's name as the book title.
  if (/^bookitem$/i.test(genre) && !p.get('rft.atitle')?.trim() && ids.length === 0) return null;
  // Citation generators copy the reference's closing full stop into the title.
  const title = (p.get('rft.atitle') || p.get('rft.btitle') || p.get('rft.title') || '').replace(
    /(?<!\.)\.\s*$/,
    '',
  );
  const isPart = !!p.get('rft.atitle');
  const venue = isPart
    ? p.get('rft.jtitle') || p.get('rft.btitle') || p.get('rft.title')
    : p.get('rft.inst') || p.get('rft.pub');
  const row = span.closest('li, tr, dd, p') ?? span.parentElement ?? span;
  return makePaper(
    {
      ids,
      title,
      authors: authorsOf(p),
      year: yearOf(p.get('rft.date')),
      venue,
      url: p.getAll('rft_id').find((v) => /^https?:\/\//i.test(v.trim())),
      element: row,
    },
    'coins',
    'listing',
    base,
  );
}

/** The cheap check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const coinsDetect = (doc: Document): PageKind | null =>
  doc.querySelector(COINS_SELECTOR) ? 'listing' : null;

export const coins: Adapter = {
  id: 'coins',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: coinsDetect,
  extract(doc, url): FoundPaper[] {
    const out: FoundPaper[] = [];
    const spans = doc.querySelectorAll(COINS_SELECTOR);
    for (let i = 0; i < spans.length && out.length < LIMITS.rowsPerPage; i++) {
      const p = readCoins(spans[i]!, url);
      if (p) out.push(p);
    }
    return out;
  },
};
