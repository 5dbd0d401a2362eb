/**
 * Exports, built in an extension page from a read-only Dexie handle: reading is all an export does,
 * and the page can hand the result to the user as a download without any extra permission.
 * Papers and sightings are read in one transaction, so a backup is one consistent state even while
 * the background keeps recording.
 */
import { toBackup } from '../formats/backup';
import { toBibtex } from '../formats/bibtex';
import { toCslJson } from '../formats/csl-json';
import { toCsv } from '../formats/csv';
import { toRis } from '../formats/ris';
import type { Settings } from '../settings';
import { getByIndex } from './bulk';
import type { Transaction } from 'dexie';
import type { PaperdexDb, Sighting, StoredPaper } from './db';
import { readSightings } from './sightings';
import { dedupe } from './lookup';

export type ExportScope =
  | { kind: 'all' }
  | { kind: 'starred' }
  | { kind: 'tag'; tag: string }
  /** A list chosen elsewhere (the popup's filter, the library's selection), in its order. */
  | { kind: 'ids'; ids: readonly string[] };

export type ExportFormat = 'backup' | 'bibtex' | 'csl-json' | 'ris' | 'csv';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; ext: string; mime: string }> = {
  backup: { label: 'Paperdex backup (JSON)', ext: 'json', mime: 'application/json' },
  bibtex: { label: 'BibTeX', ext: 'bib', mime: 'application/x-bibtex' },
  'csl-json': { label: 'CSL-JSON (Zotero, citation tools)', ext: 'json', mime: 'application/json' },
  ris: { label: 'RIS', ext: 'ris', mime: 'application/x-research-info-systems' },
  csv: { label: 'CSV (spreadsheet)', ext: 'csv', mime: 'text/csv' },
};

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  papers: number;
  sightings: number;
}

function byId(a: StoredPaper, b: StoredPaper): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The papers of a scope: in primary-id order (as a backup stores them), or in the list's order. */
async function selectIn(
  tx: Transaction,
  db: PaperdexDb,
  scope: ExportScope,
): Promise<StoredPaper[]> {
  switch (scope.kind) {
    case 'all':
      return db.papers.toArray();
    case 'starred':
      return db.papers.where('starred').equals(1).sortBy('id');
    case 'tag':
      // Tags are one set ignoring case (cleanTags), so the tag is matched the same way.
      return dedupe(await db.papers.where('tags').equalsIgnoreCase(scope.tag).toArray()).sort(byId);
    case 'ids': {
      // Any id of a paper will do: a merge may have renamed the primary id the list was made with.
      const rows = await getByIndex<StoredPaper>(tx, 'papers', 'ids', scope.ids);
      const owner = new Map<string, StoredPaper>();
      for (const r of rows) for (const id of r.ids) owner.set(id, r);
      const out: StoredPaper[] = [];
      const seen = new Set<string>();
      for (const id of scope.ids) {
        const r = owner.get(id);
        if (r && !seen.has(r.id)) {
          seen.add(r.id);
          out.push(r);
        }
      }
      return out;
    }
  }
}

/** The papers of a scope and, for a backup, their sightings, read in one transaction. */
export function selectPapers(
  db: PaperdexDb,
  scope: ExportScope,
  withSightings = false,
): Promise<{ papers: StoredPaper[]; sightings: Sighting[] }> {
  return db.transaction('r', db.papers, db.visits, async (tx) => {
    const papers = await selectIn(tx, db, scope);
    if (!withSightings) return { papers, sightings: [] };
    const only = scope.kind === 'all' ? undefined : new Set(papers.map((p) => p.id));
    return { papers, sightings: await readSightings(db, only) };
  });
}

/**
 * A backup of part of the library names only papers it holds: `possible` links to papers left out
 * would point at nothing once restored elsewhere.
 */
function selfContained(papers: StoredPaper[]): StoredPaper[] {
  const ids = new Set(papers.map((p) => p.id));
  return papers.map((p) =>
    p.possible.every((id) => ids.has(id))
      ? p
      : { ...p, possible: p.possible.filter((id) => ids.has(id)) },
  );
}

function slug(scope: ExportScope): string {
  switch (scope.kind) {
    case 'all':
      return '';
    case 'starred':
      return '-starred';
    case 'tag': {
      const t = scope.tag
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40);
      return t ? `-tag-${t}` : '-tag';
    }
    case 'ids':
      return '-selection';
  }
}

export interface ExportRequest {
  scope: ExportScope;
  format: ExportFormat;
  /** Settings go into a backup only. */
  settings: Settings;
  now?: Date;
}

/** Builds the file for an export; the caller saves it (a Blob and a download link in a page). */
export async function exportLibrary(db: PaperdexDb, req: ExportRequest): Promise<ExportFile> {
  const { scope, format } = req;
  const now = req.now ?? new Date();
  const backup = format === 'backup';
  const { papers, sightings } = await selectPapers(db, scope, backup);
  let text: string;
  switch (format) {
    case 'backup':
      text = toBackup(
        {
          papers: scope.kind === 'all' ? papers : selfContained(papers),
          sightings,
          settings: req.settings,
        },
        now,
      );
      break;
    case 'bibtex':
      text = toBibtex(papers);
      break;
    case 'csl-json':
      text = toCslJson(papers);
      break;
    case 'ris':
      text = toRis(papers);
      break;
    case 'csv':
      text = toCsv(papers);
      break;
  }
  const day = now.toISOString().slice(0, 10);
  const f = EXPORT_FORMATS[format];
  const name = backup ? `paperdex-backup${slug(scope)}-${day}` : `paperdex${slug(scope)}-${day}`;
  return {
    filename: `${name}.${format === 'csl-json' ? 'csl.json' : f.ext}`,
    mime: f.mime,
    text,
    papers: papers.length,
    sightings: sightings.length,
  };
}

/** Every tag in the library, for the "one tag" choice (case variants are one tag). */
export async function libraryTags(db: PaperdexDb): Promise<string[]> {
  const keys = (await db.papers.orderBy('tags').uniqueKeys()) as string[];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keys) {
    const l = k.toLowerCase();
    if (!seen.has(l)) {
      seen.add(l);
      out.push(k);
    }
  }
  return out.sort((a, b) => a.localeCompare(b));
}
