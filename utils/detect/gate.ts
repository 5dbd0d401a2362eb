/**
 * The every-page gate: could this page hold papers? It runs in the small content script that the
 * browser injects into every page, so it imports only each adapter's URL check (site adapters) and
 * cheap detect (generic adapters), never an extract. When it says yes, the background injects the
 * detector (entrypoints/detector.ts), which runs the full registry in utils/detect/index.ts; on
 * the sites in direct-sites.ts the manifest has loaded the detector already.
 *
 * The gate errs towards yes: a page a site adapter claims passes on its URL alone, because those
 * sites render their papers client-side after document_idle, and the detector watches for them.
 * tests/unit/detect-gate.test.ts keeps this list in step with the registry (same ids, same order,
 * the very same functions).
 */
import type { PageKind } from '../paper';
import { coinsDetect } from './generic/coins';
import { HREF_HINT, idLinksDetect } from './generic/id-links';
import { jsonLdDetect } from './generic/json-ld';
import { META_TITLE_KEYS, metaTagsDetect } from './generic/meta-tags';
import { aclAnthologyMatches } from './sites/acl-anthology';
import { alphaxivMatches } from './sites/alphaxiv';
import { arxivMatches } from './sites/arxiv';
import { biorxivMatches } from './sites/biorxiv';
import { cvfMatches } from './sites/cvf';
import { dblpMatches } from './sites/dblp';
import { googleScholarMatches } from './sites/google-scholar';
import { huggingfacePapersMatches } from './sites/huggingface-papers';
import { neuripsMatches } from './sites/neurips';
import { openreviewMatches } from './sites/openreview';
import { pmcMatches } from './sites/pmc';
import { pmlrMatches } from './sites/pmlr';
import { pubmedMatches } from './sites/pubmed';
import { semanticScholarMatches } from './sites/semantic-scholar';

export interface SiteGate {
  id: string;
  matches(url: URL): boolean;
}

export interface GenericGate {
  id: string;
  detect(doc: Document, url: URL): PageKind | null;
}

/** In the order of SITE_ADAPTERS. */
export const SITE_GATES: readonly SiteGate[] = [
  { id: 'huggingface-papers', matches: huggingfacePapersMatches },
  { id: 'alphaxiv', matches: alphaxivMatches },
  { id: 'arxiv', matches: arxivMatches },
  { id: 'google-scholar', matches: googleScholarMatches },
  { id: 'semantic-scholar', matches: semanticScholarMatches },
  { id: 'openreview', matches: openreviewMatches },
  { id: 'acl-anthology', matches: aclAnthologyMatches },
  { id: 'dblp', matches: dblpMatches },
  { id: 'pubmed', matches: pubmedMatches },
  { id: 'pmc', matches: pmcMatches },
  { id: 'biorxiv', matches: biorxivMatches },
  { id: 'pmlr', matches: pmlrMatches },
  { id: 'neurips', matches: neuripsMatches },
  { id: 'cvf', matches: cvfMatches },
];

/** In the order of GENERIC_ADAPTERS. */
export const GENERIC_GATES: readonly GenericGate[] = [
  { id: 'meta-tags', detect: metaTagsDetect },
  { id: 'json-ld', detect: jsonLdDetect },
  { id: 'coins', detect: coinsDetect },
  { id: 'id-links', detect: idLinksDetect },
];

const MAX_LOOK = 5000;

/**
 * What every generic detect needs at the least: a title meta tag, a JSON-LD script, a COinS span,
 * a link that may carry an id. Most pages have none, and are closed here after a walk of the
 * browser's own cached collections (links, scripts, meta tags by name, a class), far cheaper than
 * one selector query per generic adapter, or one selector with all their alternatives.
 */
function isTitleKey(key: string | null): boolean {
  return key !== null && META_TITLE_KEYS.includes(key.trim().toLowerCase());
}

export function genericHint(doc: Document): boolean {
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length && i < MAX_LOOK; i++) {
    const m = metas[i]!;
    if (isTitleKey(m.getAttribute('name')) || isTitleKey(m.getAttribute('property'))) return true;
  }
  const scripts = doc.scripts;
  for (let i = 0; i < scripts.length && i < MAX_LOOK; i++) {
    if (scripts[i]!.type.toLowerCase().includes('ld+json')) return true;
  }
  if (doc.getElementsByClassName('Z3988').length > 0) return true;
  const links = doc.links;
  for (let i = 0; i < links.length && i < 200_000; i++) {
    if (HREF_HINT.test(links[i]!.getAttribute('href') ?? '')) return true;
  }
  return false;
}

/** Which adapter lets the page through, or null: nothing here for Paperdex. Never throws. */
export function gate(doc: Document, url: URL): string | null {
  for (const g of SITE_GATES) {
    try {
      if (g.matches(url)) return g.id;
    } catch {
      // A broken check must not stop the page: try the next one.
    }
  }
  try {
    if (!genericHint(doc)) return null;
  } catch {
    // A document without these collections: let the generic checks decide.
  }
  for (const g of GENERIC_GATES) {
    try {
      if (g.detect(doc, url)) return g.id;
    } catch {
      // As above.
    }
  }
  return null;
}
