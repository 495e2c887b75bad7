/**
 * The memory follows rebuilds: a build's units replace those its documents' previous alignment
 * produced and the new one no longer has.
 *
 * A build records itself in `builds` (pipeline/memory/store.ts) and stores its units (identical
 * pairs once, FR-10). Then every current unit whose origin is one of the documents built and whose
 * pair none of the build's units has is superseded: `superseded` (date) and `superseded_by` (the
 * build's id) are set; it stays in the memory as history but lookup and pretranslate never offer
 * it (pipeline/memory/lookup.ts) and export leaves it out (`iterateUnits`). A superseded pair that a
 * later build produces again is current again. Units without a build origin (imported from TMX)
 * are never touched. `pruneSuperseded` (`bitext tm prune`) removes the superseded units.
 */
import type { TranslationUnit } from '../types.ts';
import { inUnitTransaction, isoNow, putUnit, unitGramKeys, type Memory } from './store.ts';
import { matchTokens } from './text.ts';

/** What `addBuildUnits` did: units new, already stored, superseded now and current again; the build's id. */
export interface BuildUnitsResult {
  build: number;
  added: number;
  existing: number;
  superseded: number;
  restored: number;
}

/**
 * Store the units of one build of the documents `docs` read from `source` (a folder name, kept in
 * `builds`) in one transaction (module comment): record the build at `at` (ISO 8601 UTC, default
 * now), store `units` (identical pairs counted as `existing`), make current again every superseded
 * unit whose pair is among them, and supersede the current units of origin in `docs` whose pair is
 * not. Throws as `inUnitTransaction` does (a bad tag, a locked or full memory), the memory unchanged.
 */
export function addBuildUnits(memory: Memory, units: Iterable<TranslationUnit>, docs: readonly string[], source: string, at: string = isoNow()): BuildUnitsResult {
  const result: BuildUnitsResult = { build: 0, added: 0, existing: 0, superseded: 0, restored: 0 };
  const db = memory.db;
  inUnitTransaction(memory, () => {
    result.build = Number(db.prepare('INSERT INTO builds (at, source) VALUES (?, ?)').run(at, source).lastInsertRowid);
    const built = new Set<number>();
    const restore = db.prepare('UPDATE units SET superseded = NULL, superseded_by = NULL WHERE id = ? AND superseded IS NOT NULL');
    for (const unit of units) {
      const { id, added } = putUnit(memory, unit);
      if (added) result.added++;
      else {
        result.existing++;
        if (!built.has(id)) result.restored += restore.run(id).changes;
      }
      built.add(id);
    }
    const current = db.prepare('SELECT id FROM units WHERE origin_doc = ? AND superseded IS NULL').pluck();
    const supersede = db.prepare('UPDATE units SET superseded = ?, superseded_by = ? WHERE id = ?');
    for (const doc of docs) {
      for (const id of current.all(doc) as number[]) {
        if (built.has(id)) continue;
        supersede.run(at, result.build, id);
        result.superseded++;
      }
    }
  });
  return result;
}

/** A unit `pruneSuperseded` removed: its texts, languages, origin, and when and by which build it was superseded. */
export interface PrunedUnit {
  source: string;
  target: string;
  sourceLang: string;
  targetLang: string;
  origin: { doc: string; link: string };
  superseded: string;
  build: number;
}

/**
 * Remove every superseded unit and its index postings in one transaction; returns them in id
 * order. Postings are taken out of the `grams` rows of each removed unit's gram keys
 * (`unitGramKeys`), so no posting names a removed id (SQLite may give a later unit that id again).
 * Throws `BitextError` (via `inUnitTransaction`) for a locked or unwritable memory, which is then unchanged.
 */
export function pruneSuperseded(memory: Memory): PrunedUnit[] {
  const db = memory.db;
  const pruned: PrunedUnit[] = [];
  inUnitTransaction(memory, () => {
    const rows = db.prepare(`SELECT id, source, target, source_lang, target_lang, origin_doc, origin_link, superseded, superseded_by
      FROM units WHERE superseded IS NOT NULL ORDER BY id`).all() as Record<string, string | number>[];
    if (rows.length === 0) return;
    const removed = new Set<number>();
    const keys = new Set<number>();
    for (const row of rows) {
      removed.add(row.id as number);
      const sourceLang = row.source_lang as string;
      const targetLang = row.target_lang as string;
      for (const key of unitGramKeys(matchTokens(row.source as string), sourceLang, matchTokens(row.target as string), targetLang)) keys.add(key);
      pruned.push({
        source: row.source as string,
        target: row.target as string,
        sourceLang,
        targetLang,
        origin: { doc: row.origin_doc as string, link: row.origin_link as string },
        superseded: row.superseded as string,
        build: row.superseded_by as number,
      });
    }
    const chunks = db.prepare('SELECT chunk, ids FROM grams WHERE gram = ?');
    const update = db.prepare('UPDATE grams SET n = ?, ids = ? WHERE gram = ? AND chunk = ?');
    const drop = db.prepare('DELETE FROM grams WHERE gram = ? AND chunk = ?');
    for (const key of keys) {
      for (const { chunk, ids } of chunks.all(key) as { chunk: number; ids: Buffer }[]) {
        const all = new Int32Array(Uint8Array.from(ids).buffer);
        const kept = all.filter((id) => !removed.has(id));
        if (kept.length === all.length) continue;
        if (kept.length === 0) drop.run(key, chunk);
        else update.run(kept.length, Buffer.from(kept.buffer), key, chunk);
      }
    }
    const remove = db.prepare('DELETE FROM units WHERE id = ?');
    for (const id of removed) remove.run(id);
  });
  return pruned;
}
