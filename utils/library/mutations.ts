/**
 * User edits and reads of one paper. Every function takes any id of the paper (a merge may have
 * renamed the primary id the UI holds) and resolves it through the multi-entry `ids` index.
 */
import { USER_LIMITS } from '../protocol';
import { type CacheChanges, summarize, type Summary } from './cache';
import type { PaperdexDb, Sighting, StoredPaper } from './db';
import { dedupe } from './lookup';
import { finalize } from './merge';
import { deleteSightingsOf, sightingsOf } from './sightings';
import { sameWords, writeTerms } from './terms';

export interface Mutation<T> {
  result: T;
  changes: CacheChanges;
}

function findPaper(db: PaperdexDb, id: string): Promise<StoredPaper | undefined> {
  return db.papers.where('ids').equals(id).first();
}

async function edit(
  db: PaperdexDb,
  id: string,
  change: (p: StoredPaper) => boolean,
): Promise<Mutation<Summary | null>> {
  return db.transaction('rw', db.papers, db.terms, async () => {
    const p = await findPaper(db, id);
    if (!p) return { result: null, changes: { removed: [], put: [] } };
    if (change(p)) {
      const before = p.words;
      await db.papers.put(finalize(p));
      if (!sameWords(before, p.words)) await writeTerms(db, [p], []);
    }
    const s = summarize(p);
    return { result: s, changes: { removed: [], put: [s] } };
  });
}

export function setStar(
  db: PaperdexDb,
  id: string,
  starred: boolean,
): Promise<Mutation<Summary | null>> {
  return edit(db, id, (p) => {
    const v = starred ? 1 : 0;
    if (p.starred === v) return false;
    p.starred = v;
    return true;
  });
}

/** Trimmed, inner spaces collapsed, duplicates (ignoring case) dropped, order kept. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of tags) {
    const c = t.replace(/\s+/g, ' ').trim().slice(0, USER_LIMITS.tag);
    const k = c.toLowerCase();
    if (!c || seen.has(k)) continue;
    seen.add(k);
    out.push(c);
    if (out.length >= USER_LIMITS.tags) break;
  }
  return out;
}

export function setTags(
  db: PaperdexDb,
  id: string,
  tags: readonly string[],
): Promise<Mutation<Summary | null>> {
  const clean = cleanTags(tags);
  return edit(db, id, (p) => {
    if (clean.length === p.tags.length && clean.every((t, i) => t === p.tags[i])) return false;
    p.tags = clean;
    return true;
  });
}

export function setNote(
  db: PaperdexDb,
  id: string,
  note: string,
): Promise<Mutation<Summary | null>> {
  const clean = note.slice(0, USER_LIMITS.note);
  return edit(db, id, (p) => {
    if (p.note === clean) return false;
    p.note = clean;
    return true;
  });
}

/** Deletes the paper, its sightings and every mention of it in other papers' `possible`. */
export async function deletePaper(db: PaperdexDb, id: string): Promise<Mutation<boolean>> {
  return db.transaction('rw', db.papers, db.visits, db.terms, async () => {
    const p = await findPaper(db, id);
    if (!p) return { result: false, changes: { removed: [], put: [] } };
    await deleteSightingsOf(db, p.id);
    await db.papers.delete(p.id);
    await db.terms.delete(p.id);
    const mentions = dedupe(await db.papers.where('possible').equals(p.id).toArray());
    for (const m of mentions) m.possible = m.possible.filter((x) => x !== p.id);
    if (mentions.length) await db.papers.bulkPut(mentions);
    return {
      result: true,
      changes: {
        removed: [{ id: p.id, ids: p.ids, titleKey: p.titleKey }],
        put: mentions.map(summarize),
      },
    };
  });
}

/** The paper and its newest sightings, for the tooltip and the popup. */
export async function getPaper(
  db: PaperdexDb,
  id: string,
  limit = 50,
): Promise<{ paper: StoredPaper | null; sightings: Sighting[] }> {
  return db.transaction('r', db.papers, db.visits, async () => {
    const paper = await findPaper(db, id);
    if (!paper) return { paper: null, sightings: [] };
    return { paper, sightings: await sightingsOf(db, paper.id, limit) };
  });
}

/**
 * The paper a page is about: by the ids its URL names, else the paper the content script recorded
 * as this page's own (an 'opened' sighting at this URL), newest first.
 */
export async function findPagePaper(
  db: PaperdexDb,
  urlIds: readonly string[],
  pageUrl: string,
): Promise<StoredPaper | undefined> {
  return db.transaction('r', db.papers, db.visits, async () => {
    if (urlIds.length) {
      const byId = await db.papers
        .where('ids')
        .anyOf([...urlIds])
        .first();
      if (byId) return byId;
    }
    const opened = (await db.visits.where('pageUrl').equals(pageUrl).toArray())
      .filter((v) => v.how === 'opened')
      .sort((a, b) => b.time - a.time);
    for (const v of opened) {
      for (const paperId of v.paperIds) {
        const p = await db.papers.get(paperId);
        if (p) return p;
      }
    }
    return undefined;
  });
}
