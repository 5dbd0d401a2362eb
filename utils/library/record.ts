/**
 * recordPage: every write for one page load in one readwrite transaction, so a worker killed in the
 * middle leaves nothing behind and the content script's retry redoes the page whole. Reads are bulk
 * (every id of the page at once, then the titles of unknown papers at once, then the visit's
 * sightings in one range); writes are bulkDelete / bulkPut / bulkAdd at the end.
 *
 * Idempotency: a sighting carries the page load's `visit`; a paper that already has a sighting of
 * this visit (found through merges too) gains nothing, so a retry changes nothing.
 */
import type { PageInfo, StateMap } from '../protocol';
import type { DetectedPaper } from '../paper';
import { type CacheChanges, summarize } from './cache';
import type { PaperdexDb, Sighting, StoredPaper } from './db';
import { getByIndex } from './bulk';
import { addSightings, repointSightings, sightedOnVisit } from './sightings';
import { stateOf, dedupe } from './lookup';
import {
  type Incoming,
  absorb,
  combine,
  createPaper,
  finalize,
  idsConflict,
  titleIsSpecific,
  toIncoming,
} from './merge';
import { wordsChanged, writeTerms } from './terms';
import { Workspace } from './workspace';

export interface RecordInput {
  page: PageInfo;
  visit: string;
  papers: readonly DetectedPaper[];
  now: number;
  /**
   * Leave the words of new and changed papers to a later flushTerms (one `termsPending` row) rather
   * than index them in this transaction. The background does, so a page's record answers sooner.
   */
  deferTerms?: boolean;
  /**
   * What the caller knows is not stored, exactly as of this transaction (the background's
   * StateCache inside its write): those ids and title keys are not read. A page's lookup has
   * usually just proved its new papers absent, and reading them again was about a sixth of the
   * worker's busy time recording a page of 2,000 new papers.
   */
  known?: KnownAbsent;
}

export interface KnownAbsent {
  knownAbsent(id: string): boolean;
  knownUntitled(titleKey: string): boolean;
}

export interface RecordOutput {
  states: StateMap;
  changes: CacheChanges;
}

/** Groups the page's papers that share an id: they are one paper listed twice. */
function groupByIds(incoming: readonly Incoming[]): number[][] {
  const parent = incoming.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i]!]!;
      parent[i] = up;
      i = up;
    }
    return i;
  };
  const firstWith = new Map<string, number>();
  incoming.forEach((inc, i) => {
    for (const id of inc.ids) {
      const j = firstWith.get(id);
      if (j === undefined) firstWith.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, number[]>();
  incoming.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
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

export async function recordPage(db: PaperdexDb, input: RecordInput): Promise<RecordOutput> {
  const { page, visit, now } = input;
  if (input.papers.length === 0) return { states: {}, changes: { removed: [], put: [] } };
  const incoming = input.papers.map(toIncoming);
  const groups = groupByIds(incoming);
  const known = input.known;
  const allIds = [...new Set(incoming.flatMap((i) => i.ids))];
  const unknownIds = known ? allIds.filter((id) => !known.knownAbsent(id)) : allIds;

  return db.transaction('rw', [db.papers, db.visits, db.terms, db.termsPending], async (tx) => {
    const w = new Workspace();
    w.load(await getByIndex<StoredPaper>(tx, 'papers', 'ids', unknownIds));

    const titleKeys = new Set<string>();
    for (const inc of incoming) {
      if (!inc.titleKey || inc.ids.some((id) => w.ownerOf(id))) continue;
      if (!known?.knownUntitled(inc.titleKey)) titleKeys.add(inc.titleKey);
    }
    w.load(await getByIndex<StoredPaper>(tx, 'papers', 'titleKey', titleKeys, true));

    // Which stored row each incoming paper ended in (a primary id, resolved again at the end).
    const landed: string[] = new Array<string>(incoming.length);
    const firstSightingInfo = (inc: Incoming) => ({
      time: now,
      site: inc.paper.source,
      pageUrl: page.url,
      visit,
    });

    for (const group of groups) {
      const members = group.map((i) => incoming[i]!);
      const ids = [...new Set(members.flatMap((m) => m.ids))];
      const targets: StoredPaper[] = [];
      for (const id of ids) {
        const r = w.ownerOf(id);
        if (r && !targets.includes(r)) targets.push(r);
      }
      let target: StoredPaper;
      if (targets.length === 0) {
        const key = members.find((m) => m.titleKey)?.titleKey ?? '';
        const twins = key ? w.titled(key) : [];
        const match = titleIsSpecific(key)
          ? twins.find((t) => !idsConflict(ids, t.ids))
          : undefined;
        if (match) target = match;
        else {
          target = createPaper(members[0]!, firstSightingInfo(members[0]!));
          w.add(target);
          w.dirty.add(target.id);
          for (const t of twins) if (link(target, t)) w.dirty.add(t.id);
        }
      } else if (targets.length === 1) {
        target = targets[0]!;
      } else {
        target = w.replace(targets, combine(targets));
      }
      let changed = false;
      for (const m of members) if (absorb(target, m)) changed = true;
      if (changed) w.dirty.add(target.id);
      target = w.repick(target);
      for (const i of group) landed[i] = target.id;
    }

    // Merges renamed rows: their old sightings and the `possible` lists naming them must follow.
    const gone = w.renamedOriginals();
    if (gone.length) {
      await repointSightings(db, gone, (id) => w.resolve(id));
      w.load(dedupe(await db.papers.where('possible').anyOf(gone).toArray()));
    }
    for (const r of w.rows.values()) {
      const fixed = [...new Set(r.possible.map((id) => w.resolve(id)))].filter((id) => id !== r.id);
      if (fixed.length !== r.possible.length || fixed.some((id, i) => id !== r.possible[i])) {
        r.possible = fixed;
        w.dirty.add(r.id);
      }
    }

    // One sighting and one more seenCount per paper and page load, whatever the retries.
    const done = new Set((await sightedOnVisit(db, visit)).map((id) => w.resolve(id)));
    const sightings: Sighting[] = [];
    const met = new Map<string, Sighting>();
    incoming.forEach((inc, i) => {
      const id = w.resolve(landed[i]!);
      const opened = inc.paper.kind === 'single';
      const seen = met.get(id);
      if (seen) {
        if (opened) seen.how = 'opened';
        return;
      }
      if (done.has(id)) return;
      const s: Sighting = {
        paperId: id,
        pageUrl: page.url,
        site: inc.paper.source,
        pageTitle: page.title,
        time: now,
        how: opened ? 'opened' : 'listed',
        visit,
      };
      met.set(id, s);
      sightings.push(s);
      const r = w.rows.get(id)!;
      r.seenCount += 1;
      r.lastSeen = Math.max(r.lastSeen, now);
      w.dirty.add(id);
    });

    const removed = [...w.original.values()].filter((r) => !w.rows.has(r.id));
    if (removed.length) await db.papers.bulkDelete(removed.map((r) => r.id));
    const put = [...w.dirty].map((id) => finalize(w.rows.get(id)!));
    if (put.length) await db.papers.bulkPut(put);
    await addSightings(db, sightings);
    // A revisit only counts: its words, and so its terms, stay as they were.
    const reindex = put.filter((r) => wordsChanged(w.original.get(r.id), r));
    const unindex = removed.map((r) => r.id);
    if (!input.deferTerms) await writeTerms(db, reindex, unindex);
    else if (reindex.length || unindex.length)
      await db.termsPending.add({ ids: [...reindex.map((r) => r.id), ...unindex] });

    const states: StateMap = {};
    incoming.forEach((inc, i) => {
      states[inc.paper.id] = stateOf(w.rows.get(w.resolve(landed[i]!))!, visit);
    });
    return {
      states,
      changes: {
        removed: removed.map((r) => ({ id: r.id, ids: r.ids, titleKey: r.titleKey })),
        // Every row read here is current as of the commit, touched or not: all may warm the cache.
        put: [...w.rows.values()].map(summarize),
      },
    };
  });
}
