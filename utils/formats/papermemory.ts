/**
 * PaperMemory's "export memory" file: JSON.stringify of its storage, an object keyed by its own
 * paper ids (`Arxiv-2106.09608`, `NeurIPS-2020_…`, `ACL-…`) plus a `__dataVersion` number. Each
 * paper: title, author ("A and B"), year (a string), id, venue, bibtex, pdfLink, url, doi, note,
 * tags, favorite, count, addDate, lastOpenDate, codeLink. Its "export BibTeX as JSON" file (the
 * same keys, a BibTeX string per paper) is read too.
 */
import { LIMITS } from '../paper';
import { fromBibtex } from './bibtex';
import {
  Collector,
  FORMAT_LABEL,
  arxivIdsInText,
  checkEntryCount,
  checkText,
  cleanLine,
  doiId,
  isArxivVenue,
  isPlainObject,
  parseJson,
  timeOf,
  yearOf,
} from './common';
import { ImportError, type ImportResult } from './types';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** One field of a BibTeX string, read cheaply: `doi = {…}` or `doi = "…"`. */
function bibField(bibtex: string | undefined, name: string): string | undefined {
  if (!bibtex) return undefined;
  const m = new RegExp(`\\b${name}\\s*=\\s*[{"]([^{}"]{1,400})[}"]`, 'i').exec(
    bibtex.slice(0, 20_000),
  );
  return m?.[1]?.trim();
}

export function fromPaperMemory(text: string): ImportResult {
  const label = FORMAT_LABEL.papermemory;
  const data = parseJson(checkText(text, label), label);
  if (!isPlainObject(data)) {
    throw new ImportError(
      'This is not a PaperMemory export: expected an object of papers keyed by their ids.',
    );
  }
  const keys = Object.keys(data).filter((k) => !k.startsWith('__'));
  checkEntryCount(keys.length, label);
  const values = keys.map((k) => data[k]);
  if (values.length > 0 && values.every((v) => typeof v === 'string'))
    return fromBibtexJson(values as string[]);

  const out = new Collector('papermemory');
  keys.forEach((key, i) => {
    const p = data[key];
    const at = { entry: i + 1, key: cleanLine(key, 200) };
    if (!isPlainObject(p)) {
      out.skip(at, 'it is not a paper (an object)');
      return;
    }
    const id = str(p.id) ?? key;
    const bibtex = str(p.bibtex);
    const ids: Array<string | null> = [doiId(str(p.doi)), doiId(bibField(bibtex, 'doi'))];
    // PaperMemory names arXiv papers `Arxiv-<id>` (older versions: the bare id).
    const arxiv = /^(?:arxiv-)?(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})(?:v\d+)?$/i.exec(id);
    if (arxiv) ids.unshift(`arxiv:${arxiv[1]!}`);
    const eprint = bibField(bibtex, 'eprint');
    if (eprint) ids.push(`arxiv:${eprint}`);
    ids.push(...arxivIdsInText(bibField(bibtex, 'journal')));
    const author = str(p.author);
    const venue = cleanLine(str(p.venue), LIMITS.venue);
    const hasArxiv = ids.some((x) => x?.startsWith('arxiv:'));
    out.add(
      {
        ids,
        links: [str(p.url), str(p.pdfLink)],
        title: str(p.title),
        authors: author ? author.split(/\s+and\s+/) : [],
        year: yearOf(str(p.year) ?? p.year),
        venue: venue && !isArxivVenue(venue) ? venue : hasArxiv ? 'arXiv' : '',
        url: str(p.url),
        pdfUrl: str(p.pdfLink),
        starred: typeof p.favorite === 'boolean' ? p.favorite : undefined,
        tags: Array.isArray(p.tags) ? p.tags : undefined,
        note: str(p.note),
        firstSeen: timeOf(p.addDate),
        lastSeen: timeOf(p.lastOpenDate),
        seenCount: typeof p.count === 'number' ? p.count : undefined,
      },
      at,
    );
  });
  return out.finish();
}

/** The BibTeX-per-paper export: one BibTeX file in pieces. */
function fromBibtexJson(entries: string[]): ImportResult {
  const r = fromBibtex(entries.join('\n\n'));
  return {
    papers: r.papers.map((p) => ({ ...p, source: 'import:papermemory' })),
    errors: r.errors,
  };
}
