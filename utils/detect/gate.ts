/**
 * The every-page gate: could this page hold papers? It runs in the small content script that the
 * browser injects into every page, so it imports only each adapter's URL check (site adapters) and
 * cheap detect (generic adapters), never an extract, nor identity.ts: id-links' detect would need
 * it, so a superset of that detect (idLinkShaped) stands in here. When it says yes, the background
 * injects the detector (entrypoints/detector.ts), which runs the full registry in
 * utils/detect/index.ts; on the sites in direct-sites.ts the manifest has loaded the detector
 * already.
 *
 * The gate errs towards yes: a page a site adapter claims passes on its URL alone, because those
 * sites render their papers client-side after document_idle, and the detector watches for them.
 * tests/unit/detect-gate.test.ts keeps this list in step with the registry (same ids, same order,
 * the very same functions but id-links' stand-in).
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
import { HREF_HINT } from './generic/id-links';
import { jsonLdDetect } from './generic/json-ld';
import { metaTagsDetect } from './generic/meta-tags';
import { aaaiMatches } from './sites/aaai';
import { aclAnthologyMatches } from './sites/acl-anthology';
import { alphaxivMatches } from './sites/alphaxiv';
import { arxivMatches } from './sites/arxiv';
import { biorxivMatches } from './sites/biorxiv';
import { cvfMatches } from './sites/cvf';
import { dblpMatches } from './sites/dblp';
import { ecvaMatches } from './sites/ecva';
import { googleScholarMatches } from './sites/google-scholar';
import { huggingfacePapersMatches } from './sites/huggingface-papers';
import { ieeeXploreMatches } from './sites/ieee-xplore';
import { ijcaiMatches } from './sites/ijcai';
import { jmlrMatches } from './sites/jmlr';
import { natureMatches } from './sites/nature';
import { neuripsMatches } from './sites/neurips';
import { openreviewMatches } from './sites/openreview';
import { pmcMatches } from './sites/pmc';
import { pmlrMatches } from './sites/pmlr';
import { pubmedMatches } from './sites/pubmed';
import { sciencedirectMatches } from './sites/sciencedirect';
import { semanticScholarMatches } from './sites/semantic-scholar';
import { usenixMatches } from './sites/usenix';

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
  /** The adapter's own cheap detect, or for id-links a superset of it (idLinkShaped). */
  detect(doc: Document, url: URL): PageKind | null;
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
  { id: 'ieee-xplore', hosts: ['ieeexplore.ieee.org'], matches: ieeeXploreMatches },
  { id: 'nature', hosts: ['nature.com'], matches: natureMatches },
  { id: 'sciencedirect', hosts: ['sciencedirect.com'], matches: sciencedirectMatches },
  { id: 'aaai', hosts: ['ojs.aaai.org'], matches: aaaiMatches },
  { id: 'ijcai', hosts: ['ijcai.org'], matches: ijcaiMatches },
  { id: 'jmlr', hosts: ['jmlr.org'], matches: jmlrMatches },
  { id: 'usenix', hosts: ['usenix.org'], matches: usenixMatches },
  { id: 'ecva', hosts: ['ecva.net'], matches: ecvaMatches },
];

/**
 * Title keys of meta-tags (META_TITLE_KEYS) as substrings, either case, in name or property: a
 * superset of hasMetaPaper's trimmed, lower-cased title key. A literal, so that loading the gate
 * builds nothing; the unit test holds it to META_TITLE_KEYS.
 */
export const META_HINT =
  'meta:is([name*="citation_title" i],[property*="citation_title" i],[name*="dc.title" i],[property*="dc.title" i],[name*="dcterms.title" i],[property*="dcterms.title" i],[name*="eprints.title" i],[property*="eprints.title" i])';

/**
 * Links that id-links' HREF_HINT could accept: every one of its alternatives, as written, contains
 * one of these words (the unit test expands HREF_HINT and checks each), and so do the
 * capitalisations people type by hand (arXiv.org, DOI.org). One selector whose alternatives sit
 * inside `a:is()`, so the browser rejects every other element on its tag alone.
 *
 * Why so few words: Chrome tests each link against each alternative in turn, so on a page
 * without papers the cost grows with their number. Measured on 3,000 links, 22 alternatives (one
 * per HREF_HINT alternative) took 2.0 ms, 15 took 1.3 ms. So words are shared where one substring
 * covers several hosts ('iv.org': arxiv, arXiv, alphaxiv, biorxiv, medrxiv), but none is so short
 * that common links pass ('.org' would let every Wikipedia page through to the loop below).
 *
 * Why case-sensitive: with the `i` flag Chrome lower-cases every link's address for every
 * alternative, 20-30 ms on a page of 3,000 links such as a long Wikipedia article, on every visit;
 * as written it takes 2-3 ms. A page whose only paper links are spelt some other way
 * ("ARXIV.ORG/abs/…") is no longer opened by the gate: hosts in addresses are written in lower case
 * nearly always, and the tests hold the hint to every link of every saved page.
 */
export const LINK_WORDS = [
  'iv.org',
  'doi.org',
  'DOI.org',
  'co/papers',
  'openreview.net',
  'nih.gov',
  'aclanthology.org',
  'aclweb.org',
  'dblp.',
  'semanticscholar.org',
  'hal.science',
  'archives-ouvertes.fr',
  'nature.com/articles',
  '/doi/',
  '10.',
];
export const LINK_HINT = `a:is(${LINK_WORDS.map((w) => `[href*="${w}"]`).join(',')})`;

/**
 * A JSON-LD script whose text names a type json-ld's TYPE_HINT looks for: news sites and shops
 * carry JSON-LD on every page. XPath reads the scripts' text natively, where a look from here
 * would build the wrappers of the scripts, and of Element, first.
 */
export const LD_JSON_XPATH =
  "boolean(//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')][contains(.,'ScholarlyArticle') or contains(.,'Thesis') or contains(.,'Report') or contains(.,'Chapter') or contains(.,'Book')])";

/**
 * Does some link that HREF_HINT lets through have the shape of an id that idsFromUrl reads? The
 * id-links hint alone opens pages that merely link to arxiv.org or a publisher's /doi/ menu, and
 * idLinksDetect would bring identity.ts into the gate, doubling the code every page compiles: this
 * superset of it stands in, and the detector runs the real detect. It reads the links as that
 * detect does: an XPath, or querySelectorAll(LINK_HINT), would read no element or fewer, but in
 * Chrome either takes 50-100 ms over a page of 3,000 links, where this loop takes a few. Per link
 * that HREF_HINT passes, reading the raw attribute:
 *  - an arXiv id (2106.09685, math/0309136) or a DOI (10.1145/…) shows its digits;
 *  - other ids come with their host named in the link, or in a relative link (which takes the
 *    page's host): OpenReview id=, DBLP /rec/, Semantic Scholar /paper/, PubMed /1234, PMC
 *    /articles/PMC, ACL 2020. or P19-1001, HAL -0123456; Nature's /articles/ only absolute, since
 *    a relative /articles/… is every news site's;
 *  - escapes, backslashes, tabs and line breaks, which the URL parser rewrites before idsFromUrl
 *    reads the address, can hide any shape: such a link passes.
 * tests/unit/detect-gate.test.ts holds this to idsFromUrl over every link of every fixture.
 */
export function idLinkShaped(doc: Document): PageKind | null {
  const links = doc.querySelectorAll('a[href]');
  for (let i = 0; i < links.length; i++) {
    const href = links[i]!.getAttribute('href') ?? '';
    if (!HREF_HINT.test(href)) continue;
    if (/\d\d\.\d{4}|\/\d{7}|[%\\\t\n\r]/.test(href)) return 'listing';
    const h = href.toLowerCase();
    const rel = !h.includes('//');
    if (
      (href.includes('id=') && (rel || h.includes('openreview.net'))) ||
      (href.includes('/rec/') && (rel || h.includes('dblp.'))) ||
      (h.includes('/paper/') && (rel || h.includes('semanticscholar.org'))) ||
      (/\/\d|\/articles\/pmc/.test(h) && (rel || h.includes('ncbi.nlm.nih.gov'))) ||
      (/\d{4}\.|\d\d-\d{4}/.test(h) &&
        (rel || h.includes('aclanthology.org') || h.includes('aclweb.org'))) ||
      (/-\d{6}/.test(h) &&
        (rel || h.includes('hal.science') || h.includes('archives-ouvertes.fr'))) ||
      h.includes('nature.com/articles/')
    )
      return 'listing';
  }
  return null;
}

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
  { id: 'id-links', selector: LINK_HINT, detect: idLinkShaped },
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
