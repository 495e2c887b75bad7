/**
 * One asynchronous interface over the translation-memory back ends: the embedded SQLite file
 * (pipeline/memory/store.ts, wrapped here as it is) and a PostgreSQL server
 * (pipeline/memory/postgres.ts) that several translators share.
 *
 * `openBackend(spec, access)` picks by the spec: `postgres://` or `postgresql://` → PostgreSQL; any
 * other `scheme://` → refused; anything else is an SQLite path. `lookupIn` is the one lookup of
 * both: each back end retrieves candidates by the same gram keys and budget
 * (`gramsToRead`/`topByCount` in lookup.ts), `scoreCandidates` ranks them, so the same TM gives the
 * same hits on either; `TmBackend.concordance` likewise retrieves per back end and checks with the
 * shared code of concordance.ts. `migrateMemory` copies units, builds and supersession between any two.
 */
import { BitextError, writeFileAtomic } from '../io.ts';
import type { Document, LookupHit, TranslationUnit } from '../types.ts';
import { concordance, type ConcordanceHit, type ConcordanceOptions } from './concordance.ts';
import { candidateCount, candidateRows, lookupLanguages, scoreCandidates, type CandidateRow, type LookupOptions } from './lookup.ts';
import { pretranslateWith, recordUsage, segmentLookupOptions, type Pretranslation, type PretranslateOptions } from './pretranslate.ts';
import { abandonMemory, clearUnits, closeMemory, inUnitTransaction, memoryStats, openMemory, putUnit, rowToUnit, type AddResult, type Memory, type MemoryAccess, type MemoryStats, type UnitRow } from './store.ts';
import { addBuildUnits, pruneSuperseded, type BuildUnitsResult, type PrunedUnit } from './supersede.ts';
import { prepareText } from './text.ts';

/** A stored unit with its supersession: date and build id, null while current. */
export interface StoredUnit extends TranslationUnit {
  superseded: string | null;
  supersededBy: number | null;
}

/** A build that added units (`builds` table): id, ISO date, source folder. */
export interface BuildRecord {
  id: number;
  at: string;
  source: string;
}

/**
 * A translation memory behind any back end. Every method is one transaction where it writes;
 * errors reject with `BitextError` naming the memory (`name`). `abandon` closes after a failed
 * command and removes what opening created (an SQLite file; nothing on a server).
 */
export interface TmBackend {
  /** The path, or the URL without its password, for messages. */
  readonly name: string;
  /** Store units (identical pairs once, FR-10); `replace` empties the memory first, same transaction. */
  addUnits(units: Iterable<TranslationUnit>, options?: { replace?: boolean }): Promise<AddResult>;
  /**
   * Store the units `read` hands to its `store` callback, in one transaction (`replace` empties the
   * memory first). A throw from `read` rejects and leaves the memory as it was.
   */
  importUnits(read: (store: (unit: TranslationUnit) => void) => void, options?: { replace?: boolean }): Promise<AddResult>;
  /** Current candidate units of a query (`candidateCount` of them), retrieved by gram keys. */
  candidates(tokens: Int32Array, sourceLang: string, wanted: number): Promise<CandidateRow[]>;
  /**
   * The current units holding `term`, newest first, with its places (`concordance`,
   * pipeline/memory/concordance.ts: the same hits on every back end). Rejects with `BitextError`
   * (exit 2) for a term with nothing to search for.
   */
  concordance(term: string, options?: ConcordanceOptions): Promise<ConcordanceHit[]>;
  /** Every unit (superseded too) in id order, with its supersession. */
  units(): AsyncIterable<StoredUnit>;
  /** Every build, in id order. */
  builds(): Promise<BuildRecord[]>;
  /** Copy units with their supersession and their builds (new build ids; `migrateMemory`). */
  copyIn(units: AsyncIterable<StoredUnit>, builds: readonly BuildRecord[]): Promise<AddResult>;
  stats(): Promise<MemoryStats>;
  /** `addBuildUnits` (pipeline/memory/supersede.ts). */
  addBuild(units: Iterable<TranslationUnit>, docs: readonly string[], source: string, at?: string): Promise<BuildUnitsResult>;
  /** `pruneSuperseded` (pipeline/memory/supersede.ts). */
  prune(): Promise<PrunedUnit[]>;
  /** `recordUsage` (pipeline/memory/pretranslate.ts). */
  recordUsage(ids: readonly number[]): Promise<number>;
  close(): Promise<void>;
  abandon(): Promise<void>;
}

/** Schemes `openBackend` takes as PostgreSQL. */
const POSTGRES_SCHEMES = ['postgres:', 'postgresql:'];

/** Does `spec` look like a URL (`scheme://`) rather than a path? */
export function isMemoryUrl(spec: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(spec);
}

/** Is `spec` a PostgreSQL URL? */
export function isPostgresUrl(spec: string): boolean {
  return isMemoryUrl(spec) && POSTGRES_SCHEMES.includes(spec.slice(0, spec.indexOf('//')).toLowerCase());
}

/** `spec` for messages: a URL's password replaced by `***`. */
export function memoryName(spec: string): string {
  if (!isMemoryUrl(spec)) return spec;
  try {
    const url = new URL(spec);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return spec;
  }
}

/**
 * Throw `BitextError` (exit 2), one line, when `spec` is a URL of a scheme no back end serves
 * ("not a supported memory: …").
 */
export function checkMemorySpec(spec: string): void {
  if (isMemoryUrl(spec) && !isPostgresUrl(spec)) {
    throw new BitextError(`${memoryName(spec)}: not a supported memory: give a file path or a postgres:// URL`);
  }
}

/**
 * Open the memory `spec` for `access` (module comment). SQLite as `openMemory` opens it; a server
 * as `postgresBackend` connects (`create` makes the schema when missing). Rejects with
 * `BitextError` (exit 2) for an unsupported URL, or as the back end's opening does.
 */
export async function openBackend(spec: string, access: MemoryAccess): Promise<TmBackend> {
  checkMemorySpec(spec);
  if (isPostgresUrl(spec)) {
    const { postgresBackend } = await import('./postgres.ts');
    return postgresBackend(spec, access);
  }
  return sqliteBackend(openMemory(spec, access));
}

/** Look `text` up in `backend`: as `lookup` (pipeline/memory/lookup.ts) does, on any back end. */
export async function lookupIn(backend: TmBackend, text: string, options: LookupOptions = {}): Promise<LookupHit[]> {
  const { sourceLang, targetLang } = lookupLanguages(text, options);
  const min = options.min ?? 50;
  const max = options.max ?? 5;
  if (max <= 0) return [];
  const q = prepareText(text);
  const rows = await backend.candidates(q.tokens, sourceLang, candidateCount(max));
  return scoreCandidates(rows, q, sourceLang, targetLang, min, max);
}

/** A `units` row with its supersession as a `StoredUnit`. */
export function rowToStoredUnit(row: UnitRow): StoredUnit {
  return { ...rowToUnit(row), superseded: (row.superseded as string | null) ?? null, supersededBy: (row.superseded_by as number | null) ?? null };
}

/** The `TmBackend` of an open SQLite memory (pipeline/memory/store.ts), its functions as they are. */
export function sqliteBackend(memory: Memory): TmBackend {
  const db = memory.db;
  return {
    name: memory.path,
    async addUnits(units, options = {}) {
      return this.importUnits((store) => { for (const unit of units) store(unit); }, options);
    },
    async importUnits(read, options = {}) {
      const result: AddResult = { added: 0, existing: 0 };
      inUnitTransaction(memory, () => {
        if (options.replace) clearUnits(memory);
        read((unit) => {
          if (putUnit(memory, unit).added) result.added++;
          else result.existing++;
        });
      });
      return result;
    },
    async candidates(tokens, sourceLang, wanted) {
      return candidateRows(memory, tokens, sourceLang, wanted);
    },
    async concordance(term, options) {
      return concordance(memory, term, options);
    },
    async *units() {
      for (const row of db.prepare('SELECT * FROM units ORDER BY id').iterate() as IterableIterator<UnitRow>) yield rowToStoredUnit(row);
    },
    async builds() {
      return db.prepare('SELECT id, at, source FROM builds ORDER BY id').all() as BuildRecord[];
    },
    async copyIn(units, builds) {
      const result: AddResult = { added: 0, existing: 0 };
      const all: StoredUnit[] = [];
      for await (const unit of units) all.push(unit);
      inUnitTransaction(memory, () => {
        const buildIds = new Map<number, number>();
        const insertBuild = db.prepare('INSERT INTO builds (at, source) VALUES (?, ?)');
        for (const b of builds) buildIds.set(b.id, Number(insertBuild.run(b.at, b.source).lastInsertRowid));
        const supersede = db.prepare('UPDATE units SET superseded = ?, superseded_by = ? WHERE id = ?');
        for (const unit of all) {
          const { id, added } = putUnit(memory, unit);
          if (!added) { result.existing++; continue; }
          result.added++;
          if (unit.superseded !== null) supersede.run(unit.superseded, unit.supersededBy === null ? null : buildIds.get(unit.supersededBy) ?? null, id);
        }
      });
      return result;
    },
    async stats() {
      return memoryStats(memory);
    },
    async addBuild(units, docs, source, at) {
      return addBuildUnits(memory, units, docs, source, at);
    },
    async prune() {
      return pruneSuperseded(memory);
    },
    async recordUsage(ids) {
      return recordUsage(memory, ids);
    },
    async close() {
      closeMemory(memory);
    },
    async abandon() {
      abandonMemory(memory);
    },
  };
}

/**
 * Copy every unit of `from` (superseded ones with their supersession) and every build into `to`
 * (`TmBackend.copyIn`, one transaction): identical pairs already in `to` are counted `existing`.
 */
export async function migrateMemory(from: TmBackend, to: TmBackend): Promise<AddResult> {
  return to.copyIn(from.units(), await from.builds());
}

/**
 * `pretranslateFile` (pipeline/memory/pretranslate.ts) on any back end: every segment looked up
 * (`lookupIn`), the draft made by the one `pretranslateWith`, written atomically to `file`, and only
 * then the usage counts of the units used raised (`TmBackend.recordUsage`), so a failed write leaves
 * the memory as it was.
 */
export async function pretranslateFileIn(backend: TmBackend, document: Document, file: string, options: PretranslateOptions = {}): Promise<Pretranslation> {
  const lookupOptions = segmentLookupOptions(document, options);
  const hits: LookupHit[][] = [];
  for (const segment of document.segments) hits.push(await lookupIn(backend, segment.text, lookupOptions));
  let next = 0;
  const result = pretranslateWith(document, options, () => hits[next++]);
  writeFileAtomic(file, result.draft);
  await backend.recordUsage(result.used);
  return result;
}
