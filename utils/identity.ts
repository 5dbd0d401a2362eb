/**
 * The one identity scheme. Every paper has a primary id and aliases, each `<kind>:<value>`:
 * `arxiv:2106.09608`, `arxiv:math/0309136`, `doi:10.1007/s10924-010-0192-1` (lower case),
 * `openreview:<forum>`, `acl:<anthology id>`, `pmid:<n>`, `pmcid:PMC<n>`, `dblp:<key>`,
 * `s2:<40 hex>`, `hal:<id>`, and `title:<normalized title>` when nothing else is known.
 */
import { LIMITS } from './paper';

export type IdKind =
  'arxiv' | 'doi' | 'openreview' | 'acl' | 'pmid' | 'pmcid' | 'dblp' | 's2' | 'hal' | 'title';

/** Primary id priority: the most portable names first, the title last. */
export const ID_PRIORITY: readonly IdKind[] = [
  'arxiv',
  'doi',
  'openreview',
  'acl',
  'pmid',
  'pmcid',
  'dblp',
  's2',
  'hal',
  'title',
];

const NEW_ARXIV = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
const BARE_ARXIV = /^\d{4}\.\d{4,5}$/;
const CANONICAL_ARXIV = /^arxiv:\d{4}\.\d{4,5}$/;
// Old style: archive, optional subject class (dropped), seven digits.
const OLD_ARXIV = /^([a-z][a-z-]*)(?:\.[a-z]{2})?\/(\d{7})(?:v\d+)?$/i;

/** `arXiv:2106.09608v2`, `2106.09608`, `math.GT/0309136` → `2106.09608`, `math/0309136`; else null. */
export function normalizeArxiv(raw: string): string | null {
  let s = raw.trim();
  if (s.length > 60) return null;
  // Most callers pass a bare new-style id, which no prefix or suffix rule below can change: one
  // match instead of three on every row of a long listing.
  if (BARE_ARXIV.test(s)) return s;
  const bare = NEW_ARXIV.exec(s);
  if (bare) return bare[1]!;
  s = s.replace(/^arxiv:\s*/i, '').replace(/\.pdf$/i, '');
  const n = NEW_ARXIV.exec(s);
  if (n) return n[1]!;
  const o = OLD_ARXIV.exec(s);
  if (o) return `${o[1]!.toLowerCase()}/${o[2]!}`;
  return null;
}

/** A DOI in any common spelling → lower-case bare DOI (`10.x/y`); else null. */
export function normalizeDoi(raw: string): string | null {
  let s = raw.trim();
  if (s.length > 400) return null;
  try {
    if (/%[0-9a-f]{2}/i.test(s)) s = decodeURIComponent(s);
  } catch {
    // Malformed escapes: keep the raw text.
  }
  s = s
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/^info:doi\//i, '');
  s = s.replace(/[\s]+.*$/, '');
  s = s.replace(/[.,;:'"\]>}]+$/, '');
  // A closing parenthesis belongs to the DOI only when it closes one inside it.
  while (s.endsWith(')') && count(s, '(') < count(s, ')'))
    s = s.slice(0, -1).replace(/[.,;:]+$/, '');
  if (!/^10\.\d{4,9}\/\S+$/.test(s)) return null;
  return s.toLowerCase();
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Lower case, diacritics and punctuation removed, spaces collapsed. */
export function normalizeTitle(title: string): string {
  return title
    .slice(0, LIMITS.title)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function kindOf(id: string): IdKind | null {
  const k = id.slice(0, id.indexOf(':'));
  return (ID_PRIORITY as readonly string[]).includes(k) ? (k as IdKind) : null;
}

/**
 * Canonicalizes one id in the scheme (`arxiv:…`, `doi:…`, …). Returns the canonical form, or null
 * when the id is not valid. A DataCite arXiv DOI (10.48550/arXiv.X) canonicalizes to `arxiv:X`.
 */
export function canonicalId(id: string): string | null {
  // Already canonical (every row of an arXiv listing): no pieces to cut and glue back together.
  if (CANONICAL_ARXIV.test(id)) return id;
  const i = id.indexOf(':');
  if (i <= 0) return null;
  const kind = id.slice(0, i).toLowerCase();
  // Titles are cut to a bounded key rather than refused: a long title still names its paper.
  if (kind !== 'title' && id.length > LIMITS.id) return null;
  const value = id.slice(i + 1).trim();
  if (!value) return null;
  switch (kind) {
    case 'arxiv': {
      const a = normalizeArxiv(value);
      return a ? `arxiv:${a}` : null;
    }
    case 'doi': {
      const d = normalizeDoi(value);
      if (!d) return null;
      const ax = /^10\.48550\/arxiv\.(.+)$/.exec(d);
      if (ax) {
        const a = normalizeArxiv(ax[1]!);
        if (a) return `arxiv:${a}`;
      }
      return `doi:${d}`;
    }
    case 'pmid':
      return /^\d{1,9}$/.test(value) ? `pmid:${value}` : null;
    case 'pmcid': {
      const m = /^(?:pmc)?(\d{1,9})$/i.exec(value);
      return m ? `pmcid:PMC${m[1]!}` : null;
    }
    case 's2':
      return /^[0-9a-f]{40}$/i.test(value) ? `s2:${value.toLowerCase()}` : null;
    case 'title': {
      const t = normalizeTitle(value)
        .slice(0, LIMITS.id - 6)
        .trim();
      return t ? `title:${t}` : null;
    }
    case 'openreview':
    case 'acl':
    case 'dblp':
    case 'hal':
      return /^[\w./-]+$/.test(value) ? `${kind}:${value}` : null;
    default:
      return null;
  }
}

const ARXIV_DOI = /^doi:10\.48550\//i;

/**
 * Builds a paper's identity from every id the page gave and its title: canonical, de-duplicated,
 * primary first by ID_PRIORITY. A `title:` id is used only when nothing else is known, so that
 * papers are never merged on title alone (title matches are handled as "possible" duplicates).
 */
export function buildIdentity(
  ids: Iterable<string | null | undefined>,
  title: string,
): { id: string; aliases: string[] } | null {
  // One id (every row of an arXiv listing): no set to fill or order. The arXiv DOI case, which
  // adds a second id, takes the general path.
  if (Array.isArray(ids) && ids.length === 1) {
    const raw: unknown = ids[0];
    const c = typeof raw === 'string' && raw ? canonicalId(raw) : null;
    if (c && !c.startsWith('title:') && !(c.startsWith('arxiv:') && ARXIV_DOI.test(raw as string)))
      return { id: c, aliases: [] };
  }
  const set = new Set<string>();
  for (const raw of ids) {
    if (!raw) continue;
    const c = canonicalId(raw);
    if (c && !c.startsWith('title:')) {
      set.add(c);
      // The arXiv DOI of a paper with an arXiv id is an alias worth keeping (Zotero exports it).
      if (c.startsWith('arxiv:') && ARXIV_DOI.test(raw)) set.add(raw.toLowerCase());
    }
    if (set.size >= LIMITS.aliases) break;
  }
  if (set.size === 0) {
    const t = canonicalId(`title:${title}`);
    return t ? { id: t, aliases: [] } : null;
  }
  const sorted = [...set].sort(
    (a, b) => ID_PRIORITY.indexOf(kindOf(a)!) - ID_PRIORITY.indexOf(kindOf(b)!),
  );
  return { id: sorted[0]!, aliases: sorted.slice(1) };
}

/** A DOI in a publisher's path, after the kind of page and an optional view. */
const PUBLISHER_DOI_PATH =
  /\/(?:doi|articles?|chapter|book|referenceworkentry|protocol|abstract|fulltext|journals)\/(?:abs\/|full\/|fullhtml\/|pdf\/|epdf\/|pdfdirect\/)?(10\.\d{4,9}\/[^?#]+)$/i;

const ARXIV_PATH = /^\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?$/;

/**
 * The ids a link names, by its URL alone: arXiv, doi.org and publishers' /doi/ paths, Hugging Face
 * and alphaXiv paper pages, OpenReview, PubMed, PMC, ACL Anthology, DBLP records, Semantic Scholar,
 * HAL, bioRxiv/medRxiv. Returns canonical ids, empty when the link names no paper.
 */
export function idsFromUrl(href: string, base?: string): string[] {
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return [];
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return [];
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = u.pathname;
  const out: string[] = [];
  const add = (id: string | null) => {
    const c = id ? canonicalId(id) : null;
    if (c) out.push(c);
  };

  if (host === 'arxiv.org' || host === 'export.arxiv.org' || host.endsWith('.arxiv.org')) {
    const m = ARXIV_PATH.exec(path);
    if (m) add(`arxiv:${decodeSafe(m[1]!)}`);
  } else if (host === 'huggingface.co' || host === 'hf.co') {
    const m = /^\/papers\/([^/]+)\/?$/.exec(path);
    if (m) add(`arxiv:${m[1]!}`);
  } else if (host === 'alphaxiv.org') {
    const m = /^\/(?:abs|overview|pdf)\/(.+?)\/?$/.exec(path);
    if (m) add(`arxiv:${decodeSafe(m[1]!)}`);
  } else if (host === 'doi.org' || host === 'dx.doi.org') {
    add(`doi:${decodeSafe(path.slice(1))}`);
  } else if (host === 'openreview.net') {
    const id = u.searchParams.get('id');
    if (id && /^\/(?:forum|pdf|attachment)\/?$/.test(path)) add(`openreview:${id}`);
  } else if (host === 'pubmed.ncbi.nlm.nih.gov') {
    const m = /^\/(\d{1,9})\/?$/.exec(path);
    if (m) add(`pmid:${m[1]!}`);
  } else if (host === 'ncbi.nlm.nih.gov' || host === 'pmc.ncbi.nlm.nih.gov') {
    const pmc = /\/(?:pmc\/)?articles\/(PMC\d+)/i.exec(path);
    const pm = /^\/pubmed\/(\d{1,9})\/?$/.exec(path);
    if (pmc) add(`pmcid:${pmc[1]!}`);
    else if (pm) add(`pmid:${pm[1]!}`);
  } else if (host === 'aclanthology.org' || host === 'aclweb.org') {
    const m = /^\/(?:anthology\/)?(\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})(?:\.pdf)?\/?$/.exec(
      path,
    );
    if (m) add(`acl:${m[1]!}`);
  } else if (host === 'dblp.org' || host === 'dblp.uni-trier.de' || host === 'dblp.dagstuhl.de') {
    const m = /^\/rec\/(?:html\/|bibtex\/)?([\w-]+\/[\w-]+\/[\w.-]+?)(?:\.html|\.bib|\.xml)?$/.exec(
      path,
    );
    if (m) add(`dblp:${m[1]!}`);
  } else if (host === 'semanticscholar.org' || host === 'api.semanticscholar.org') {
    const m = /\/paper\/(?:[^/]+\/)?([0-9a-f]{40})\/?$/i.exec(path);
    // /arxiv/<id> is Semantic Scholar's address for the paper of an arXiv id.
    const ax = /^\/arxiv\/(.+?)\/?$/.exec(path);
    if (m) add(`s2:${m[1]!}`);
    else if (ax) add(`arxiv:${decodeSafe(ax[1]!)}`);
  } else if (
    host === 'hal.science' ||
    host.endsWith('.hal.science') ||
    host === 'hal.archives-ouvertes.fr'
  ) {
    const m = /^\/([a-z]+-\d{6,9})(?:v\d+)?(?:\/|$)/.exec(path);
    if (m) add(`hal:${m[1]!}`);
  } else if (host === 'nature.com') {
    // Nature Portfolio registers every article under 10.1038/<the article's name in its address>
    // (s41586-020-2649-2, nature12373, ncomms4012): reading lists and news link there, not to doi.org.
    const m = /^\/articles\/([a-z][a-z0-9-]{3,60})(?:\.pdf)?\/?$/i.exec(path);
    if (m) add(`doi:10.1038/${m[1]!}`);
  } else if (host === 'biorxiv.org' || host === 'medrxiv.org') {
    const m =
      /^\/content\/(10\.1101\/[\d.]+?)(?:v\d+)?(?:[./](?:full|abstract|pdf|article-info).*)?$/.exec(
        path,
      );
    if (m) add(`doi:${m[1]!}`);
  }
  if (out.length === 0 && host !== 'doi.org') {
    // Publishers put the DOI in the path: /doi/10.x/y, /doi/abs/10.x/y, /article/10.x/y, and
    // /articles/10.x/y (Frontiers, BioMed Central). APS journals write /prl/abstract/10.1103/… and
    // /fulltext/… (not /pdf/…, a word that would read Springer's /content/pdf/<DOI>.pdf wrong);
    // Annual Reviews and other Ingenta sites /content/journals/10.x/y. Springer also serves
    // reference-work entries and protocols under their DOIs; ACM's HTML full text is
    // /doi/fullHtml/10.x/y. Springer links are often written with the DOI's slash escaped
    // (/article/10.1007%2Fs10994-012-5281-z), which the URL keeps as %2F: read those decoded.
    const m =
      PUBLISHER_DOI_PATH.exec(path) ??
      (/%2f/i.test(path) ? PUBLISHER_DOI_PATH.exec(decodeSafe(path)) : null);
    // IOP and others append the view after the DOI (/article/10.1088/…/012173/meta), sometimes
    // two (Emerald's /full/html); no DOI ends so.
    if (m)
      add(
        `doi:${decodeSafe(m[1]!).replace(/(?:\/(?:meta|pdf|epdf|fulltext|full|abstract|html))+\/?$/i, '')}`,
      );
    else if (host === 'link.springer.com') {
      // Springer's PDF of a work is /content/pdf/<DOI>.pdf (the citation_pdf_url of its pages).
      const pdf = /^\/content\/pdf\/(10\.\d{4,9}(?:\/|%2f).+)\.pdf$/i.exec(path);
      if (pdf) add(`doi:${decodeSafe(pdf[1]!)}`);
    }
  }
  if (out.length === 0 && host !== 'doi.org') {
    // Some links carry the DOI as a query value (?doi=10.x/y, Taylor & Francis' identifierValue=10.x/y,
    // PLOS' article?id=10.1371/…).
    for (const [k, v] of u.searchParams) {
      if (/doi|identifier|^id$/i.test(k) && /^10\.\d{4,9}\/\S/.test(v.trim())) {
        add(`doi:${v}`);
        break;
      }
    }
  }
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
