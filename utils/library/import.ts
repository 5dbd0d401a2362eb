/**
 * Imports, in three parts:
 * - the page side (planChunks, runImport): the options page parses the file with the pure readers
 *   of utils/formats, then sends what they read in bounded chunks;
 * - staging (ImportStaging): the background checks every chunk and keeps it in memory only, so an
 *   import that is cancelled, refused or cut short by a worker restart leaves nothing behind;
 * - the commit (commitImport): one readwrite transaction applies the whole import, so any failure
 *   leaves the library as it was.
 *
 * A merge follows the rules of a page load (utils/library/merge.ts): ids decide identity, a
 * specific title alone merges only when no id kind disagrees, and user data (star, tags, note) is
 * combined, never overwritten. A backup restored with 'replace' is written back row for row.
 */
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup } from '../formats/backup';
import type { ImportedFile } from '../formats/detect-format';
import { FILE_LIMITS, type FileFormat, ImportError, type ImportedPaper } from '../formats/types';
import { normalizeTitle } from '../identity';
import {
  type ErrorCode,
  type ImportChunk,
  type ImportMode,
  type ImportSummary,
  type MessageType,
  type ProtocolMap,
  type Response,
  USER_LIMITS,
} from '../protocol';
import { MAX_IMPORT_SIGHTINGS, MAX_PAPERS } from '../protocol-validate';
import { DEFAULT_SETTINGS } from '../settings';
import { getByIndex } from './bulk';
import { type CacheChanges, summarize } from './cache';
import type { PaperdexDb, Sighting, StoredPaper } from './db';
import { addSightings, countSightings, readSightings, repointSightings } from './sightings';
import { dedupe } from './lookup';
import {
  combine,
  createPaper,
  finalize,
  idsConflict,
  pickPrimary,
  titleIsSpecific,
  toIncoming,
} from './merge';
import { cleanTags } from './mutations';
import { wordsChanged, writeTerms } from './terms';
import { Workspace } from './workspace';

// ---------------------------------------------------------------------------------------------
// Staging (background)

/** A refusal the user should read as is; `code` becomes the Failure's error. */
export class ImportRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportRefused';
  }
}

/** Everything one import carries once all its chunks arrived. */
export interface StagedImport {
  id: string;
  mode: ImportMode;
  format: FileFormat;
  /** Foreign formats. */
  papers: ImportedPaper[];
  /** Backups: stored rows, then their sightings. */
  rows: StoredPaper[];
  sightings: Sighting[];
}

interface Open extends StagedImport {
  chunks: number;
  touched: number;
  /** Backups: every id of every staged row, so ids stay unique across chunks. */
  owner: Set<string>;
  seqs: Set<number>;
}

export const STAGING_LIMITS = {
  /** Imports open at once (a user who starts one, closes the page and retries makes a second). */
  open: 8,
  /** An import left without a chunk this long was abandoned: its memory is given back. */
  idleMs: 10 * 60_000,
} as const;

const GONE =
  "This import is no longer open: Paperdex's background was restarted, or the import was cancelled, failed or sat idle too long. Nothing was imported; start the import again.";

function randomId(): string {
  const a = new Uint32Array(4);
  crypto.getRandomValues(a);
  return Array.from(a, (n) => n.toString(36)).join('');
}

/** Validates a chunk of backup rows with the backup reader itself, so both apply the same rules. */
function checkRows(rows: readonly unknown[]): StoredPaper[] {
  const text = JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(0).toISOString(),
    papers: rows,
    sightings: [],
    settings: DEFAULT_SETTINGS,
  });
  return parseBackup(text).papers;
}

export class ImportStaging {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = randomId,
  ) {}

  get size(): number {
    return this.open.size;
  }

  begin(mode: ImportMode, format: FileFormat): string {
    this.expire();
    if (mode === 'replace' && format !== 'backup')
      throw new ImportRefused('invalid', 'Only a Paperdex backup can replace the library.');
    if (this.open.size >= STAGING_LIMITS.open)
      throw new ImportRefused(
        'invalid',
        'Too many imports are open at once. Wait for them to finish, or reload the options page.',
      );
    const id = this.newId();
    this.open.set(id, {
      id,
      mode,
      format,
      papers: [],
      rows: [],
      sightings: [],
      chunks: 0,
      touched: this.now(),
      owner: new Set(),
      seqs: new Set(),
    });
    return id;
  }

  /** Checks and keeps one chunk; returns how many chunks arrived. A bad chunk ends the import. */
  stage(chunk: ImportChunk): number {
    const s = this.get(chunk.importId);
    try {
      this.add(s, chunk);
    } catch (e) {
      this.open.delete(s.id);
      const why = e instanceof Error ? e.message : String(e);
      throw new ImportRefused(
        'invalid',
        `Part ${chunk.seq + 1} of the import was refused: ${why} The import was stopped; nothing was written.`,
      );
    }
    s.chunks += 1;
    s.touched = this.now();
    return s.chunks;
  }

  /** Hands the import over for its commit; it is closed whatever the commit does. */
  take(importId: string, chunks: number): StagedImport {
    const s = this.get(importId);
    this.open.delete(importId);
    if (s.chunks !== chunks)
      throw new ImportRefused(
        'invalid',
        `Only ${s.chunks} of ${chunks} parts of the import arrived. Nothing was imported; start the import again.`,
      );
    return {
      id: s.id,
      mode: s.mode,
      format: s.format,
      papers: s.papers,
      rows: s.rows,
      sightings: s.sightings,
    };
  }

  cancel(importId: string): boolean {
    return this.open.delete(importId);
  }

  private get(importId: string): Open {
    this.expire();
    const s = this.open.get(importId);
    if (!s) throw new ImportRefused('not-found', GONE);
    return s;
  }

  private expire(): void {
    const t = this.now();
    for (const [id, s] of this.open)
      if (t - s.touched > STAGING_LIMITS.idleMs) this.open.delete(id);
  }

  private add(s: Open, chunk: ImportChunk): void {
    if (chunk.seq !== s.chunks)
      throw new Error(`it arrived as part ${chunk.seq + 1} where part ${s.chunks + 1} was due.`);
    if (chunk.papers) {
      if (s.format === 'backup') throw new Error('a backup sends stored rows, not papers.');
      const source = `import:${s.format}`;
      const bad = chunk.papers.findIndex((p) => p.source !== source);
      if (bad >= 0) throw new Error(`paper ${bad + 1} does not come from a ${s.format} file.`);
      if (s.papers.length + chunk.papers.length > FILE_LIMITS.entries)
        throw new Error(`the import has more than ${FILE_LIMITS.entries} papers.`);
      s.papers.push(...chunk.papers);
    }
    if (chunk.rows) {
      if (s.format !== 'backup') throw new Error('only a backup sends stored rows.');
      if (s.sightings.length) throw new Error('stored rows came after sightings.');
      if (s.rows.length + chunk.rows.length > FILE_LIMITS.entries)
        throw new Error(`the backup has more than ${FILE_LIMITS.entries} papers.`);
      let rows: StoredPaper[];
      try {
        rows = checkRows(chunk.rows);
      } catch (e) {
        if (e instanceof ImportError) throw new Error(e.message);
        throw e;
      }
      for (const r of rows) {
        for (const id of r.ids) {
          if (s.owner.has(id))
            throw new Error(`the paper ${r.id} claims the id ${id} that another paper has.`);
        }
        for (const id of r.ids) s.owner.add(id);
      }
      s.rows.push(...rows);
    }
    if (chunk.sightings) {
      if (s.format !== 'backup') throw new Error('only a backup sends sightings.');
      if (s.sightings.length + chunk.sightings.length > FILE_LIMITS.sightings)
        throw new Error(`the backup has more than ${FILE_LIMITS.sightings} sightings.`);
      for (const x of chunk.sightings) {
        if (!s.owner.has(x.paperId))
          throw new Error(`a sighting belongs to ${x.paperId}, which no paper in the backup has.`);
        if (x.seq !== undefined) {
          if (s.seqs.has(x.seq)) throw new Error(`two sightings have the number ${x.seq}.`);
          s.seqs.add(x.seq);
        }
      }
      s.sightings.push(...chunk.sightings);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Commit (background)

export interface CommitOutput {
  summary: ImportSummary;
  changes: CacheChanges;
  /** The library was replaced: the cache must start over. */
  clearCache: boolean;
}

/** Dexie builds one request list per call: keep each call's arrays moderate, in one transaction. */
const WRITE_SLICE = 10_000;

async function inSlices<T>(items: readonly T[], write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += WRITE_SLICE) await write(items.slice(i, i + WRITE_SLICE));
}

function emptySummary(staged: StagedImport): ImportSummary {
  return {
    mode: staged.mode,
    format: staged.format,
    entries: staged.format === 'backup' ? staged.rows.length : staged.papers.length,
    added: 0,
    merged: 0,
    sightingsAdded: 0,
    sightingsSkipped: 0,
    removedPapers: 0,
    removedSightings: 0,
  };
}

/** Applies a staged import in one readwrite transaction: all of it, or (on any error) nothing. */
export function commitImport(
  db: PaperdexDb,
  staged: StagedImport,
  now: number,
): Promise<CommitOutput> {
  return staged.mode === 'replace' ? replaceAll(db, staged) : mergeAll(db, staged, now);
}

function replaceAll(db: PaperdexDb, staged: StagedImport): Promise<CommitOutput> {
  if (staged.format !== 'backup') throw new ImportRefused('invalid', 'Only a backup can replace.');
  // Derived fields are recomputed: they follow this version's rules, and a forged file cannot
  // plant search words or title keys that disagree with the title.
  const rows = staged.rows.map((r) =>
    finalize({ ...structuredClone(r), titleKey: normalizeTitle(r.title) }),
  );
  return db.transaction('rw', [db.papers, db.visits, db.terms, db.termsPending], async () => {
    const summary = emptySummary(staged);
    summary.removedPapers = await db.papers.count();
    summary.removedSightings = await countSightings(db);
    await db.papers.clear();
    await db.visits.clear();
    await db.terms.clear();
    await db.termsPending.clear();
    await inSlices(rows, (part) => db.papers.bulkAdd(part));
    await inSlices(rows, (part) => writeTerms(db, part, []));
    await inSlices(staged.sightings, (part) => addSightings(db, part));
    summary.added = rows.length;
    summary.sightingsAdded = staged.sightings.length;
    return { summary, changes: { removed: [], put: [] }, clearCache: true };
  });
}

/** An import's workspace also tells rows made of imported entries only: what the summary calls added. */
class ImportWorkspace extends Workspace {
  readonly fresh = new Set<string>();

  create(r: StoredPaper): void {
    this.add(r);
    this.dirty.add(r.id);
    this.fresh.add(r.id);
  }

  override replace(olds: readonly StoredPaper[], merged: StoredPaper): StoredPaper {
    const fresh = olds.every((o) => this.fresh.has(o.id));
    for (const o of olds) this.fresh.delete(o.id);
    super.replace(olds, merged);
    if (fresh) this.fresh.add(merged.id);
    return merged;
  }
}

/** What one foreign entry becomes: a new row as a page would create it, plus the file's user data. */
function foreignRow(p: ImportedPaper, now: number, visit: string): StoredPaper {
  const first = p.firstSeen ?? now;
  const row = createPaper(toIncoming(p), { time: first, site: p.source, pageUrl: '', visit });
  row.lastSeen = Math.max(first, p.lastSeen ?? first);
  row.seenCount = p.seenCount ?? 0;
  row.starred = p.starred ? 1 : 0;
  row.tags = cleanTags(p.tags ?? []);
  row.note = (p.note ?? '').slice(0, USER_LIMITS.note);
  return row;
}

/** Groups entries that share an id: one paper listed twice in the file. */
function groupByIds(rows: readonly StoredPaper[]): StoredPaper[][] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i]!]!;
      parent[i] = up;
      i = up;
    }
    return i;
  };
  const firstWith = new Map<string, number>();
  rows.forEach((r, i) => {
    for (const id of r.ids) {
      const j = firstWith.get(id);
      if (j === undefined) firstWith.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, StoredPaper[]>();
  rows.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  });
  return [...groups.values()];
}

function link(a: StoredPaper, b: StoredPaper): boolean {
  let changed = false;
  if (!a.possible.includes(b.id)) {
    a.possible.push(b.id);
    changed = true;
  }
  if (!b.possible.includes(a.id)) {
    b.possible.push(a.id);
    changed = true;
  }
  return changed;
}

function mergeAll(db: PaperdexDb, staged: StagedImport, now: number): Promise<CommitOutput> {
  const backup = staged.format === 'backup';
  const visit = `import-${staged.id}`.slice(0, 64);
  // Foreign entries that carry their own dates (PaperMemory's addDate, lastOpenDate), by row.
  const dated = new Map<StoredPaper, { first: number; last: number }>();
  const incoming = backup
    ? staged.rows.map((r) => ({ ...structuredClone(r), titleKey: normalizeTitle(r.title) }))
    : staged.papers.map((p) => {
        const row = foreignRow(p, now, visit);
        if (p.firstSeen !== undefined || p.lastSeen !== undefined)
          dated.set(row, { first: row.firstSeen, last: row.lastSeen });
        return row;
      });
  const groups = groupByIds(incoming);

  return db.transaction('rw', [db.papers, db.visits, db.terms], async (tx) => {
    const summary = emptySummary(staged);
    const w = new ImportWorkspace();
    const allIds = [...new Set(incoming.flatMap((r) => r.ids))];
    // An import larger than the library reads it whole: one cursor beats a request per id.
    if (allIds.length > (await db.papers.count())) w.load(await db.papers.toArray());
    else w.load(await getByIndex<StoredPaper>(tx, 'papers', 'ids', allIds));
    const titleKeys = new Set<string>();
    for (const r of incoming) {
      if (r.titleKey && !r.ids.some((id) => w.ownerOf(id))) titleKeys.add(r.titleKey);
    }
    w.load(await getByIndex<StoredPaper>(tx, 'papers', 'titleKey', titleKeys, true));

    for (const members of groups) {
      // Two entries of one paper in one file: combined as two stored rows would be.
      const row = members.length === 1 ? members[0]! : combine(members);
      if (!backup && members.length > 1)
        row.seenCount = Math.max(...members.map((m) => m.seenCount));
      const targets: StoredPaper[] = [];
      for (const id of row.ids) {
        const t = w.ownerOf(id);
        if (t && !targets.includes(t)) targets.push(t);
      }
      if (targets.length === 0) {
        const twins = row.titleKey ? w.titled(row.titleKey) : [];
        const match = titleIsSpecific(row.titleKey)
          ? twins.find((t) => !idsConflict(row.ids, t.ids))
          : undefined;
        if (match) targets.push(match);
        else {
          // A backup row keeps its primary id; a foreign entry gets the one a page would give it.
          if (!backup) row.id = pickPrimary(row.ids);
          row.possible = [...row.possible];
          w.create(row);
          for (const t of twins) if (link(row, t)) w.dirty.add(t.id);
          continue;
        }
      }
      if (backup) {
        // Two libraries' rows of one paper: combined as any two stored rows are, oldest first. Its
        // counts are page loads this library did not have; repeats are taken off below with
        // their sightings.
        w.replace(targets, combine([...targets, row]));
        continue;
      }
      // A foreign entry is what a page says about a stored paper: the stored row stays the base
      // (its fields win, the entry fills gaps), user data is combined.
      const before = targets.reduce((n, t) => n + t.seenCount, 0);
      const lastBefore = Math.max(...targets.map((t) => t.lastSeen));
      const firstBefore = Math.min(...targets.map((t) => t.firstSeen));
      const merged = combine([...targets, { ...row, firstSeen: Number.MAX_SAFE_INTEGER }]);
      // A file's count may be the very visits the library counted; its entries are not visits, so
      // only a date the file gives moves "first seen" and "last seen".
      merged.seenCount = Math.max(before, row.seenCount);
      const fileDates = members.flatMap((m) => dated.get(m) ?? []);
      merged.firstSeen = Math.min(firstBefore, ...fileDates.map((d) => d.first));
      merged.lastSeen = Math.max(lastBefore, ...fileDates.map((d) => d.last));
      w.replace(targets, merged);
    }

    // Merges renamed stored rows: their sightings and the `possible` lists naming them follow.
    const gone = [...w.original.keys()].filter((id) => !w.rows.has(id));
    if (gone.length) {
      await repointSightings(db, gone, (id) => w.resolve(id));
      w.load(dedupe(await db.papers.where('possible').anyOf(gone).toArray()));
    }
    // `possible` may name rows this transaction did not read: keep those that exist.
    const unknown = new Set<string>();
    for (const r of w.rows.values())
      for (const id of r.possible) if (w.current(id) === undefined) unknown.add(id);
    const stored = new Set<string>();
    if (unknown.size) {
      const found = await db.papers.bulkGet([...unknown]);
      for (const p of found) if (p) stored.add(p.id);
    }
    for (const r of w.rows.values()) {
      const fixed: string[] = [];
      for (const id of r.possible) {
        const to = w.current(id) ?? (stored.has(id) ? id : undefined);
        if (to !== undefined && to !== r.id && !fixed.includes(to)) fixed.push(to);
      }
      if (fixed.length !== r.possible.length || fixed.some((id, i) => id !== r.possible[i])) {
        r.possible = fixed;
        w.dirty.add(r.id);
      }
    }

    // A backup's sightings join their papers; a page load the library already holds is skipped and
    // not counted twice, so restoring the same backup twice changes nothing.
    const sightings: Sighting[] = [];
    if (backup && staged.sightings.length) {
      const merged = new Set<string>();
      for (const s of staged.sightings) {
        const id = w.current(s.paperId)!;
        if (!w.fresh.has(id)) merged.add(id);
      }
      const key = (paperId: string, v: string) => `${paperId}\u0000${v}`;
      const have = new Set<string>();
      if (merged.size) {
        for (const s of await readSightings(db, merged)) have.add(key(s.paperId, s.visit));
      }
      for (const s of staged.sightings) {
        const id = w.current(s.paperId)!;
        const k = key(id, s.visit);
        if (have.has(k)) {
          summary.sightingsSkipped += 1;
          const r = w.rows.get(id)!;
          if (r.seenCount > 0) r.seenCount -= 1;
          w.dirty.add(id);
          continue;
        }
        have.add(k);
        const { seq: _seq, ...rest } = s;
        sightings.push({ ...rest, paperId: id });
      }
    }

    const removed = [...w.original.values()].filter((r) => !w.rows.has(r.id));
    if (removed.length) await db.papers.bulkDelete(removed.map((r) => r.id));
    const put = [...w.dirty].flatMap((id) => {
      const r = w.rows.get(id);
      return r ? [finalize(r)] : [];
    });
    await inSlices(put, (part) => db.papers.bulkPut(part));
    await inSlices(sightings, (part) => addSightings(db, part));
    const reindex = put.filter((r) => wordsChanged(w.original.get(r.id), r));
    await db.terms.bulkDelete(removed.map((r) => r.id));
    await inSlices(reindex, (part) => writeTerms(db, part, []));

    summary.added = w.fresh.size;
    summary.merged = summary.entries - summary.added;
    summary.sightingsAdded = sightings.length;
    return {
      summary,
      changes: {
        removed: removed.map((r) => ({ id: r.id, ids: r.ids, titleKey: r.titleKey })),
        put: [...w.rows.values()].map(summarize),
      },
      clearCache: false,
    };
  });
}

/** Empties the library (papers and sightings) in one transaction; returns what it held. */
export function deleteAll(db: PaperdexDb): Promise<{ papers: number; sightings: number }> {
  return db.transaction('rw', [db.papers, db.visits, db.terms, db.termsPending], async () => {
    const papers = await db.papers.count();
    const sightings = await countSightings(db);
    await db.papers.clear();
    await db.visits.clear();
    await db.terms.clear();
    await db.termsPending.clear();
    return { papers, sightings };
  });
}

// ---------------------------------------------------------------------------------------------
// Page side

/** One chunk's payload, before the import id and sequence number are added. */
export type ChunkPart = Pick<ImportChunk, 'papers' | 'rows' | 'sightings'>;

/**
 * Chunk bounds: well inside the validator's per-message caps (MAX_PAPERS rows, 16 M characters),
 * so a chunk of long abstracts still passes and each message stays quick to clone.
 */
export const CHUNK_LIMITS = {
  papers: MAX_PAPERS,
  sightings: MAX_IMPORT_SIGHTINGS,
  chars: 4_000_000,
} as const;

function slices<T>(items: readonly T[], maxItems: number, maxChars: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let chars = 0;
  for (const x of items) {
    const n = JSON.stringify(x).length;
    if (cur.length > 0 && (cur.length >= maxItems || chars + n > maxChars)) {
      out.push(cur);
      cur = [];
      chars = 0;
    }
    cur.push(x);
    chars += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Splits a parsed file into chunks; a backup's rows all come before its sightings. */
export function planChunks(
  file: ImportedFile,
  limits: { papers: number; sightings: number; chars: number } = CHUNK_LIMITS,
): ChunkPart[] {
  if (file.format !== 'backup')
    return slices(file.result.papers, limits.papers, limits.chars).map((papers) => ({ papers }));
  // Search words are rebuilt by the background: no need to carry them.
  const rows = file.backup.papers.map((r) => ({ ...r, words: [] }));
  return [
    ...slices(rows, limits.papers, limits.chars).map((part) => ({ rows: part })),
    ...slices(file.backup.sightings, limits.sightings, limits.chars).map((part) => ({
      sightings: part,
    })),
  ];
}

export type Send = <T extends MessageType>(
  type: T,
  payload: ProtocolMap[T]['req'],
) => Promise<Response<T>>;

export type ImportProgress =
  { phase: 'sending'; sent: number; total: number } | { phase: 'committing' };

export type ImportOutcome =
  | { status: 'done'; summary: ImportSummary }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  limits?: { papers: number; sightings: number; chars: number };
}

/**
 * Sends a parsed file to the background: begin, every chunk, commit. Cancelling (the signal) works
 * until the commit is sent, and tells the background to drop what it staged.
 */
export async function runImport(
  send: Send,
  file: ImportedFile,
  mode: ImportMode,
  opts: RunOptions = {},
): Promise<ImportOutcome> {
  const parts = planChunks(file, opts.limits);
  const begun = await send('importBegin', { mode, format: file.format });
  if (!begun.ok) return { status: 'failed', message: begun.message };
  const importId = begun.importId;
  const drop = async () => {
    // Best effort: an import the background no longer has is gone already.
    await send('importCancel', { importId });
  };
  for (let i = 0; i < parts.length; i++) {
    opts.onProgress?.({ phase: 'sending', sent: i, total: parts.length });
    if (opts.signal?.aborted) {
      await drop();
      return { status: 'cancelled' };
    }
    const res = await send('importChunk', { importId, seq: i, ...parts[i]! });
    if (!res.ok) {
      await drop();
      return { status: 'failed', message: res.message };
    }
  }
  opts.onProgress?.({ phase: 'sending', sent: parts.length, total: parts.length });
  if (opts.signal?.aborted) {
    await drop();
    return { status: 'cancelled' };
  }
  opts.onProgress?.({ phase: 'committing' });
  const done = await send('importCommit', { importId, chunks: parts.length });
  return done.ok
    ? { status: 'done', summary: done.summary }
    : { status: 'failed', message: done.message };
}
