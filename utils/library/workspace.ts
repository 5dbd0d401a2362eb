/**
 * The rows one merging transaction works on (recordPage, import), with the indexes the merge needs
 * kept in step: which row owns each id, which rows share a title key, and where a primary id went
 * when its row was merged away or renamed.
 */
import type { StoredPaper } from './db';
import { pickPrimary } from './merge';

export class Workspace {
  readonly rows = new Map<string, StoredPaper>();
  /** Rows as they were in the database, by their primary id then. */
  readonly original = new Map<string, StoredPaper>();
  /** Rows to write back. */
  readonly dirty = new Set<string>();
  private readonly owner = new Map<string, string>();
  private readonly byTitle = new Map<string, Set<string>>();
  private readonly renamed = new Map<string, string>();

  load(rows: readonly StoredPaper[]): void {
    for (const r of rows) {
      if (this.original.has(r.id)) continue;
      this.original.set(r.id, r);
      this.add(structuredClone(r));
    }
  }

  ownerOf(id: string): StoredPaper | undefined {
    const p = this.owner.get(id);
    return p === undefined ? undefined : this.rows.get(p);
  }

  titled(key: string): StoredPaper[] {
    const out: StoredPaper[] = [];
    for (const id of this.byTitle.get(key) ?? []) {
      const r = this.rows.get(id);
      if (r) out.push(r);
    }
    return out.sort((a, b) => a.firstSeen - b.firstSeen);
  }

  add(r: StoredPaper): void {
    this.rows.set(r.id, r);
    for (const id of r.ids) this.owner.set(id, r.id);
    let t = this.byTitle.get(r.titleKey);
    if (!t) this.byTitle.set(r.titleKey, (t = new Set()));
    t.add(r.id);
  }

  private drop(r: StoredPaper): void {
    this.rows.delete(r.id);
    this.dirty.delete(r.id);
    this.byTitle.get(r.titleKey)?.delete(r.id);
  }

  /** Replaces `olds` by `merged`, remembering where each old primary id went. */
  replace(olds: readonly StoredPaper[], merged: StoredPaper): StoredPaper {
    for (const o of olds) {
      this.drop(o);
      if (o.id !== merged.id) this.renamed.set(o.id, merged.id);
    }
    this.add(merged);
    this.dirty.add(merged.id);
    return merged;
  }

  /** Re-picks the primary id after new aliases came in; a better id renames the row. */
  repick(r: StoredPaper): StoredPaper {
    const best = pickPrimary(r.ids, [r.id]);
    if (best === r.id) {
      // A title may have been filled in: keep the title index right.
      this.add(r);
      return r;
    }
    this.drop(r);
    this.renamed.set(r.id, best);
    r.id = best;
    this.add(r);
    this.dirty.add(r.id);
    return r;
  }

  /** Where an id that was a primary at some point of this transaction lives now. */
  resolve(id: string): string {
    // A chain without a cycle is never longer than the number of renames.
    for (let n = 0; n <= this.renamed.size; n++) {
      const next = this.renamed.get(id);
      if (next === undefined) return id;
      id = next;
    }
    throw new Error('rename cycle');
  }

  /** The current primary id of the paper holding `id`, if any row here holds or held it. */
  current(id: string): string | undefined {
    return this.ownerOf(id)?.id ?? (this.renamed.has(id) ? this.resolve(id) : undefined);
  }

  /** Old primary ids that were renamed or merged away: their sightings and mentions must follow. */
  renamedOriginals(): string[] {
    return [...this.original.keys()].filter((id) => this.resolve(id) !== id || !this.rows.has(id));
  }
}
