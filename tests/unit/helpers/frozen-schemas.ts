/**
 * Every shipped schema, copied rather than imported so that later edits to utils/library/db.ts
 * cannot change them: they are what users' disks hold. Never edit one; add the next version. The
 * migration tests (unit and e2e) build old databases from these.
 */

/** Schema v1 exactly as shipped (copied, not imported, so later edits to db.ts cannot change it). */
export const FROZEN_V1 = {
  papers:
    'id, *ids, titleKey, state, starred, firstSeen, lastSeen, seenCount, year, title, *tags, *words, *sources, *possible',
  sightings: '++seq, paperId, visit, pageUrl, time, site, [paperId+time]',
} as const;

/** Schema v2 exactly as shipped: the words index moved to `terms`. */
export const FROZEN_V2 = {
  papers:
    'id, *ids, titleKey, state, starred, firstSeen, lastSeen, seenCount, year, title, *tags, *sources, *possible',
  sightings: '++seq, paperId, visit, pageUrl, time, site, [paperId+time]',
  terms: 'id, *words',
  termsPending: '++seq',
} as const;

/** Schema v3 exactly as shipped: sightings kept as one row per page load, in `visits`. */
export const FROZEN_V3 = {
  papers:
    'id, *ids, titleKey, state, starred, firstSeen, lastSeen, seenCount, year, *tags, *sources, *possible',
  sightings: null,
  visits: '++seq, visit, pageUrl, *paperIds',
  terms: 'id, *words',
  termsPending: '++seq',
} as const;
