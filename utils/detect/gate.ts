/**
 * The every-page gate: could this page hold papers? It runs in the small content script that the
 * browser injects into every page, so it imports only each adapter's URL check (site adapters) and
 * cheap detect (generic adapters), never an extract. id-links' detect needs identity.ts, which
 * would double the gate's code that every page compiles: an XPath stands in for it (a superset),
 * and the detector runs the detect itself. When it says yes, the background injects the
 * detector (entrypoints/detector.ts), which runs the full registry in utils/detect/index.ts; on
 * the sites in direct-sites.ts the manifest has loaded the detector already.
 *
 * The gate errs towards yes: a page a site adapter claims passes on its URL alone, because those
 * sites render their papers client-side after document_idle, and the detector watches for them.
 * tests/unit/detect-gate.test.ts keeps this list in step with the registry (same ids, same order,
 * the very same functions).
 *
 * What the gate costs on a page without papers is mostly the browser's, not its own code: in the
 * content script's fresh world, the first touch of a page element builds the wrappers and prototypes
 * of Element, HTMLElement and the element's own interface (about a millisecond), and each function
 * first called is compiled then. So on such a page the gate calls few functions and reads no element
 * at all: the URL checks run only on their sites' hosts, and each generic adapter's detect runs only
 * when a selector (or, for JSON-LD, an XPath test) over the page finds what that detect needs; the
 * browser answers those natively, handing back nothing but null or a boolean.
 */
import type { PageKind } from '../paper';
import { COINS_SELECTOR, coinsDetect } from './generic/coins';
import { jsonLdDetect } from './generic/json-ld';
import { metaTagsDetect } from './generic/meta-tags';
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
  /**
   * Text every host that `matches` accepts contains (a superset): the URL check itself, its lazy
   * compilation and its regular expressions are paid for on these hosts only.
   */
  hosts: readonly string[];
  matches(url: URL): boolean;
}

export interface GenericGate {
  id: string;
  /**
   * Found whenever `detect` could find something (a superset), read natively without touching an
   * element; the detect runs only then. Data rather than a function: nothing more to compile.
   */
  selector: string;
  /** Then also true, where the selector alone would let too many pages through. */
  xpath?: string;
  /**
   * The adapter's own cheap detect, run once the hints hold. Absent where its code would weigh on
   * every page more than a needless detector on a few: then the hints alone open the page.
   */
  detect?: (doc: Document, url: URL) => PageKind | null;
}

/** In the order of SITE_ADAPTERS. */
export const SITE_GATES: readonly SiteGate[] = [
  {
    id: 'huggingface-papers',
    hosts: ['huggingface.co', 'hf.co'],
    matches: huggingfacePapersMatches,
  },
  { id: 'alphaxiv', hosts: ['alphaxiv.org'], matches: alphaxivMatches },
  { id: 'arxiv', hosts: ['arxiv.org'], matches: arxivMatches },
  { id: 'google-scholar', hosts: ['scholar.google.'], matches: googleScholarMatches },
  { id: 'semantic-scholar', hosts: ['semanticscholar.org'], matches: semanticScholarMatches },
  { id: 'openreview', hosts: ['openreview.net'], matches: openreviewMatches },
  { id: 'acl-anthology', hosts: ['aclanthology.org'], matches: aclAnthologyMatches },
  { id: 'dblp', hosts: ['dblp.'], matches: dblpMatches },
  { id: 'pubmed', hosts: ['ncbi.nlm.nih.gov'], matches: pubmedMatches },
  { id: 'pmc', hosts: ['ncbi.nlm.nih.gov'], matches: pmcMatches },
  { id: 'biorxiv', hosts: ['rxiv.org'], matches: biorxivMatches },
  { id: 'pmlr', hosts: ['mlr.press'], matches: pmlrMatches },
  { id: 'neurips', hosts: ['neurips.cc', 'nips.cc', 'iclr.cc'], matches: neuripsMatches },
  { id: 'cvf', hosts: ['thecvf.com'], matches: cvfMatches },
];

/**
 * Title keys of meta-tags (META_TITLE_KEYS) as substrings, either case, in name or property: a
 * superset of hasMetaPaper's trimmed, lower-cased title key. A literal, so that loading the gate
 * builds nothing; the unit test holds it to META_TITLE_KEYS.
 */
export const META_HINT =
  'meta:is([name*="citation_title" i],[property*="citation_title" i],[name*="dc.title" i],[property*="dc.title" i],[name*="dcterms.title" i],[property*="dcterms.title" i],[name*="eprints.title" i],[property*="eprints.title" i])';

/**
 * Links that id-links' HREF_HINT could accept: each of its alternatives as a substring, either case
 * (the unit test expands HREF_HINT and checks each). One selector whose alternatives sit inside
 * `a:is()`, so the browser rejects every other element on its tag alone.
 */
export const LINK_HINT =
  'a:is([href*="arxiv.org" i],[href*="doi.org" i],[href*="hf.co/papers" i],[href*="huggingface.co/papers" i],[href*="alphaxiv.org" i],[href*="openreview.net" i],[href*="ncbi.nlm.nih.gov" i],[href*="aclanthology.org" i],[href*="aclweb.org" i],[href*="dblp.org" i],[href*="dblp.uni-trier.de" i],[href*="semanticscholar.org" i],[href*="hal.science" i],[href*="archives-ouvertes.fr" i],[href*="rxiv.org/content" i],[href*="/doi/" i],[href*="/article/10." i],[href*="/chapter/10." i],[href*="/book/10." i])';

/**
 * A JSON-LD script whose text names a type json-ld's TYPE_HINT looks for: news sites and shops
 * carry JSON-LD on every page. XPath reads the scripts' text natively, where a look from here
 * would build the wrappers of the scripts, and of Element, first.
 */
export const LD_JSON_XPATH =
  "boolean(//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')][contains(.,'ScholarlyArticle') or contains(.,'Thesis') or contains(.,'Report') or contains(.,'Chapter') or contains(.,'Book')])";

/**
 * Links with the shape of an id that idsFromUrl reads, where HREF_HINT also matches: the id-links
 * hint alone opens pages that merely link to arxiv.org or a publisher's /doi/ menu. A superset of
 * idLinksDetect, link by link, that needs no identity.ts in the gate (the detector runs the real
 * detect):
 *  - digits folded to 0, an arXiv id (2106.09685, math/0309136) or DOI (10.1145/…) reads 00.0000
 *    or /0000000, with 10. or its host (arXiv, Hugging Face, alphaXiv) in the link;
 *  - other ids (OpenReview id=, DBLP /rec/, Semantic Scholar /paper/ in any case, PubMed /1234, PMC
 *    /articles/PMC, ACL 2020. or P19-1001, HAL -0123456) come with their host named in the link;
 *  - a relative link (no //) takes the page's host, so the host test passes for it;
 *  - what the URL parser rewrites before idsFromUrl reads it (escapes, backslashes, tabs, line
 *    breaks) can hide any shape: such a link needs only a word that each HREF_HINT alternative holds.
 * Tests needing no translate come first in each branch: most links fail there.
 * tests/unit/detect-gate.test.ts holds this to idsFromUrl over every link of every fixture.
 */
export const ID_LINK_XPATH =
  "boolean(//*[local-name(.)='a'][" +
  "((contains(translate(@href,'123456789','000000000'),'00.0000') or contains(translate(@href,'123456789','000000000'),'/0000000')) and (contains(@href,'10.') or not(contains(@href,'//')) or contains(translate(@href,'XIVHFCOUGNAE','xivhfcougnae'),'xiv') or contains(translate(@href,'XIVHFCOUGNAE','xivhfcougnae'),'hf.co') or contains(translate(@href,'XIVHFCOUGNAE','xivhfcougnae'),'huggingface')))" +
  " or (contains(@href,'id=') and (not(contains(@href,'//')) or contains(translate(@href,'OPENRVIWT','openrviwt'),'openreview.net')))" +
  " or (contains(@href,'/rec/') and (not(contains(@href,'//')) or contains(translate(@href,'DBLP','dblp'),'dblp.')))" +
  " or (contains(translate(@href,'SEMANTICHOLRGP','semanticholrgp'),'/paper/') and (not(contains(@href,'//')) or contains(translate(@href,'SEMANTICHOLRGP','semanticholrgp'),'semanticscholar.org')))" +
  " or ((contains(translate(@href,'123456789','000000000'),'/0') or contains(translate(@href,'ARTICLESPM','articlespm'),'/articles/pmc')) and (not(contains(@href,'//')) or contains(translate(@href,'NCBILMHGOV','ncbilmhgov'),'ncbi.nlm.nih.gov')))" +
  " or ((contains(translate(@href,'123456789','000000000'),'0000.') or contains(translate(@href,'123456789','000000000'),'00-0000')) and (not(contains(@href,'//')) or contains(translate(@href,'ACLNTHOGYRWEB','aclnthogyrweb'),'aclanthology.org') or contains(translate(@href,'ACLNTHOGYRWEB','aclnthogyrweb'),'aclweb.org')))" +
  " or (contains(translate(@href,'123456789','000000000'),'-000000') and (not(contains(@href,'//')) or contains(translate(@href,'HALSCIENRVOUTF','halscienrvoutf'),'hal.science') or contains(translate(@href,'HALSCIENRVOUTF','halscienrvoutf'),'archives-ouvertes.fr')))" +
  " or ((contains(@href,'%') or contains(@href,'\\') or contains(@href,'\t') or contains(@href,'\n') or contains(@href,'\r')) and (contains(@href,'10.') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'xiv') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'doi') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'hf.co') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'huggingface') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'openreview') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'ncbi') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'acl') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'dblp') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'scholar') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'hal.science') or contains(translate(@href,'ABCDEFGHILNOPRSTUVWX','abcdefghilnoprstuvwx'),'ouvertes')))" +
  '])';

/** XPathResult.BOOLEAN_TYPE, without touching the interface object in the content script's world. */
const BOOLEAN_TYPE = 3;

/** In the order of GENERIC_ADAPTERS. */
export const GENERIC_GATES: readonly GenericGate[] = [
  { id: 'meta-tags', selector: META_HINT, detect: metaTagsDetect },
  {
    id: 'json-ld',
    selector: 'script[type*="ld+json" i]',
    xpath: LD_JSON_XPATH,
    detect: jsonLdDetect,
  },
  { id: 'coins', selector: COINS_SELECTOR, detect: coinsDetect },
  { id: 'id-links', selector: LINK_HINT, xpath: ID_LINK_XPATH },
];

/** Could this generic adapter's detect find anything here? Reads no element. */
export function hinted(doc: Document, g: GenericGate): boolean {
  return (
    doc.querySelector(g.selector) !== null &&
    (g.xpath === undefined || doc.evaluate(g.xpath, doc, null, BOOLEAN_TYPE, null).booleanValue)
  );
}

/** What the gate reads of the address: a URL, or the page's own `location`. */
export interface Where {
  readonly href: string;
  readonly hostname: string;
}

/**
 * Which adapter lets the page through, or null: nothing here for Paperdex. Never throws. Takes
 * `location` as it is: a URL is parsed only once some check needs one.
 */
export function gate(doc: Document, where: Where): string | null {
  const host = where.hostname.toLowerCase();
  let url: URL | undefined;
  for (const g of SITE_GATES) {
    try {
      let here = false;
      for (let i = 0; i < g.hosts.length && !here; i++) here = host.includes(g.hosts[i]!);
      if (here && g.matches((url ??= new URL(where.href)))) return g.id;
    } catch {
      // A broken check must not stop the page: try the next one.
    }
  }
  for (const g of GENERIC_GATES) {
    try {
      if (hinted(doc, g) && (!g.detect || g.detect(doc, (url ??= new URL(where.href)))))
        return g.id;
    } catch {
      // As above.
    }
  }
  return null;
}
