/**
 * The PostgreSQL back end of the translation memory (`TmBackend`, pipeline/memory/backend.ts), for
 * a memory several translators use at once from several machines.
 *
 * Schema (tables `tm_*`, the columns of SQLite schema 2 in pipeline/memory/store.ts):
 * - `tm_units`: the same unit columns (`pair_hash` int8), ids from its sequence (never reused);
 * - `tm_grams`: the same inverted index as SQLite's `grams` — per gram key (`gramKeys`: Chinese
 *   character bigrams, English words) chunks of unit ids, little-endian int32 `bytea` as in SQLite
 *   (read back without parsing: node-postgres reads an `int4[]` as text), a new chunk per key per
 *   flush (`tm_gram_chunks` sequence), so writers only append;
 * - `tm_builds`, `tm_meta` (schema version).
 * Retrieval reads the same keys with the same budget as SQLite (`gramsToRead`'s rule, applied on
 * the server by `POSTINGS`; `topByCount`) in two round trips — the chosen postings, then the
 * candidate rows — of named statements (parsed and planned once per connection), so both back ends
 * offer the same candidates.
 * pg_trgm instead (a GIN `gin_trgm_ops` index on `source`, `source % query` ordered by similarity,
 * 70 candidates scored by `scoreCandidates`), measured at 200,000 bench units on a loaded 2-CPU
 * machine: p50 6.2 ms against 16.3 ms, but the same top-1 score in only 280 of 300 queries — its
 * trigram-similarity threshold drops fuzzy Chinese matches the gram keys find — so it is not used.
 * Nor is an `int4[]` column of each unit's gram keys under a GIN index (`gin__int_ops`, the 70 units
 * sharing most keys by `grams && query` ordered by `icount(grams & query)`), measured at 200,000
 * bench units against these chunks in the same run (load average 7–9): p50 134 ms / p99 836 ms
 * against 21.7 / 163 ms (the chunks' three-round-trip version then), top-1 as SQLite's in 1,000 of
 * 1,000 for both — with no budget it reads every posting of the query's common keys.
 * Writes: each is one transaction that first takes a transaction-level advisory lock
 * (`WRITE_LOCK`), so writers from any number of processes run one after another: identity (FR-10:
 * `pair_hash`, then the texts compared) sees every unit committed before, and no unit is lost or
 * stored twice. Readers never wait. Units are prepared by the SQLite writer's `prepareUnit`
 * (pipeline/memory/store.ts) and go in with one binary `COPY` per batch of `BATCH` units (found
 * identical pairs by one query per batch); the server ingests a batch while the next is prepared.
 * Postings are buffered as SQLite's writer buffers them (`PostingBuffer`) and written, sorted by
 * key, as one binary `COPY` per `FLUSH_POSTINGS`. (Measured on the loaded 2-CPU machine: at
 * 100,000 bench units 10,700 units/s with multi-row `INSERT … unnest(…)`, 18,000–20,000 with COPY;
 * at 1,000,000, load average 4–6, 14,500 units/s against SQLite's 31,400 in the same run.)
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BitextError } from '../io.ts';
import type { TranslationUnit } from '../types.ts';
import type { BuildRecord, StoredUnit, TmBackend } from './backend.ts';
import { memoryName, rowToStoredUnit } from './backend.ts';
import { blobIds, POSTING_BUDGET, topByCount, type CandidateRow } from './lookup.ts';
import { bufferPostings, familyHash, forEachKeyRun, isoNow, postingBuffer, prepareUnit, samePair, sortPostings, UNIT_VALUE_COLUMNS, unitGramKeys, type AddResult, type MemoryAccess, type MemoryStats, type PostingBuffer, type PreparedUnit, type UnitRow } from './store.ts';
import type { BuildUnitsResult, PrunedUnit } from './supersede.ts';
import { addConcordanceHits, candidateBatches, CONCORDANCE_COLUMNS, concordanceQuery, familyCandidates, joinPostings, mergeCandidates, postingsToRead, type ConcordanceHit, type ConcordanceRow } from './concordance.ts';
import { gramKeys, matchTokens } from './text.ts';

const SCHEMA_VERSION = '2';
/** Advisory lock key of every write transaction (any constant; "BTXT" in ASCII). */
const WRITE_LOCK = 0x42545854;
/** Units per COPY (and per query for identical pairs). */
const BATCH = 20_000;
/** Buffered postings (gram key, unit id) after which they are written as chunks, as SQLite's store does. */
const FLUSH_POSTINGS = 8_000_000;
/** Units prepared between two turns of the event loop while a COPY is sent. */
const YIELD_EVERY = 1000;
/** Units per page when reading them all. */
const PAGE = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tm_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS tm_units (
  id serial PRIMARY KEY,
  source text NOT NULL,
  target text NOT NULL,
  source_markup text,
  target_markup text,
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  source_key text NOT NULL,
  target_key text NOT NULL,
  source_tokens integer NOT NULL,
  target_tokens integer NOT NULL,
  origin_doc text,
  origin_link text,
  score double precision,
  created text NOT NULL,
  changed text NOT NULL,
  creation_tool text,
  change_tool text,
  usage integer NOT NULL DEFAULT 0,
  pair_hash int8 NOT NULL,
  superseded text,
  superseded_by integer
);
CREATE INDEX IF NOT EXISTS tm_units_pair_hash ON tm_units (pair_hash);
CREATE INDEX IF NOT EXISTS tm_units_origin_doc ON tm_units (origin_doc);
CREATE TABLE IF NOT EXISTS tm_builds (id serial PRIMARY KEY, at text NOT NULL, source text NOT NULL);
CREATE TABLE IF NOT EXISTS tm_grams (gram int4 NOT NULL, chunk int8 NOT NULL, n integer NOT NULL, ids bytea NOT NULL, PRIMARY KEY (gram, chunk));
CREATE SEQUENCE IF NOT EXISTS tm_gram_chunks;
`;

/** Column types of `UNIT_VALUE_COLUMNS` (pipeline/memory/store.ts), for binary COPY. */
const UNIT_VALUE_TYPES: readonly ColumnType[] = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int4', 'int4', 'text', 'text', 'float8', 'text', 'text', 'text', 'text', 'int4', 'int8'];
const COPY_UNITS = `COPY tm_units (id, ${UNIT_VALUE_COLUMNS.join(', ')}) FROM STDIN (FORMAT binary)`;
const COPY_GRAMS = 'COPY tm_grams (gram, chunk, n, ids) FROM STDIN (FORMAT binary)';

/**
 * The posting chunks of the gram keys retrieval reads, chosen on the server in one statement by
 * `gramsToRead`'s rule (pipeline/memory/lookup.ts): keys with postings, rarest first and in the
 * query's key order among equals, taken while the running sum of postings stays within the budget
 * ($2), the three rarest always. One round trip instead of frequencies, then postings. Both reads
 * of `tm_grams` are `gram = ANY(array)` index scans: as joins with `unnest`, the generic plan of
 * the named statement scanned the whole table (p50 160–220 ms at 200,000 units).
 */
const POSTINGS = `WITH df AS (SELECT gram AS k, sum(n) AS n FROM tm_grams WHERE gram = ANY($1::int4[]) GROUP BY gram),
  chosen AS (SELECT df.k, row_number() OVER w AS r, sum(df.n) OVER w AS c
    FROM df JOIN unnest($1::int4[]) WITH ORDINALITY AS q(k, o) ON q.k = df.k WINDOW w AS (ORDER BY df.n, q.o ROWS UNBOUNDED PRECEDING))
  SELECT ids FROM tm_grams WHERE gram = ANY(ARRAY(SELECT k FROM chosen WHERE r <= 3 OR c <= $2))`;
/** The current units among the chosen candidates. */
const CANDIDATES = `SELECT id, source, target, source_lang, target_lang, source_tokens, target_tokens, origin_doc, origin_link, usage, created, changed
  FROM tm_units WHERE id = ANY($1::int4[]) AND superseded IS NULL`;

// int8 (pair_hash, counts) as a JavaScript number: pair hashes have 53 bits, counts are small.
pg.types.setTypeParser(20, (value: string) => Number(value));

/** A column type of PostgreSQL's binary COPY format as `BinaryRows` writes it. */
type ColumnType = 'int4' | 'int8' | 'float8' | 'text' | 'bytea';

/** Signature, flags and header-extension length opening every binary COPY stream (PostgreSQL manual, "COPY", Binary Format). */
const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** Bytes of each buffer `BinaryRows` fills. */
const COPY_CHUNK = 1 << 20;

/**
 * Rows in PostgreSQL's binary COPY format (PostgreSQL manual, "COPY", Binary Format): per row the
 * field count, then per field its byte length (-1 for NULL) and its bytes, big-endian. No text
 * escaping, and `bytea` postings go as they are. `finish` hands the buffers to `copyIn`.
 */
class BinaryRows {
  private buffer = Buffer.allocUnsafe(COPY_CHUNK);
  private at = 0;
  private done: Buffer[] = [COPY_HEADER];

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.done.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(Math.max(COPY_CHUNK, bytes));
    this.at = 0;
  }

  /** Start a row of `fields` fields. */
  row(fields: number): void {
    this.room(2);
    this.at = this.buffer.writeInt16BE(fields, this.at);
  }

  /** One field of `type`; null (or undefined) is NULL. Numbers of int8 fields must be safe integers. */
  field(type: ColumnType, value: unknown): void {
    if (value === null || value === undefined) {
      this.room(4);
      this.at = this.buffer.writeInt32BE(-1, this.at);
      return;
    }
    if (type === 'text') {
      const text = value as string;
      this.room(4 + text.length * 3);
      const bytes = this.buffer.write(text, this.at + 4, 'utf8');
      this.buffer.writeInt32BE(bytes, this.at);
      this.at += 4 + bytes;
    } else if (type === 'bytea') {
      const bytes = value as Uint8Array;
      this.room(4 + bytes.length);
      this.at = this.buffer.writeInt32BE(bytes.length, this.at);
      this.buffer.set(bytes, this.at);
      this.at += bytes.length;
    } else if (type === 'int4') {
      this.room(8);
      this.at = this.buffer.writeInt32BE(4, this.at);
      this.at = this.buffer.writeInt32BE(value as number, this.at);
    } else if (type === 'int8') {
      this.room(12);
      this.at = this.buffer.writeInt32BE(8, this.at);
      this.at = this.buffer.writeBigInt64BE(BigInt(value as number), this.at);
    } else {
      this.room(12);
      this.at = this.buffer.writeInt32BE(8, this.at);
      this.at = this.buffer.writeDoubleBE(value as number, this.at);
    }
  }

  /** Every byte written, the trailer closing the stream last. */
  finish(): Buffer[] {
    this.room(2);
    this.at = this.buffer.writeInt16BE(-1, this.at);
    return [...this.done, this.buffer.subarray(0, this.at)];
  }
}

/** Run the binary COPY `sql` on `client` with `rows` (`BinaryRows.finish`). */
async function copyIn(client: pg.Client, sql: string, rows: BinaryRows): Promise<void> {
  await pipeline(Readable.from(rows.finish()), client.query(copyFrom(sql)));
}

/**
 * Connect to the PostgreSQL memory at `url` for `access`: `create` makes the schema when it is
 * missing; `read` and `write` need it. Rejects with `BitextError` (exit 2) naming the URL (password
 * hidden): cannot connect, no such translation memory, another schema version.
 */
export async function postgresBackend(url: string, access: MemoryAccess): Promise<TmBackend> {
  const name = memoryName(url);
  const fail = (error: unknown): BitextError => error instanceof BitextError ? error : new BitextError(`${name}: PostgreSQL: ${(error as Error).message}`, { cause: error });
  const client = new pg.Client({ connectionString: url });
  // A connection lost while idle is reported by the next query, which rejects; without a listener
  // node-postgres's 'error' event would end the process instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new BitextError(`${name}: cannot connect to the PostgreSQL memory (${(error as Error).message})`, { cause: error });
  }
  let created = false;
  try {
    const exists = (await client.query("SELECT to_regclass('tm_meta') IS NOT NULL AS e")).rows[0].e as boolean;
    if (!exists && access !== 'create') throw new BitextError(`${name}: no such translation memory (run build or tm import first, or give --memory)`);
    if (!exists) {
      // Two commands creating the memory at once: the advisory lock lets one make it.
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      created = (await client.query("SELECT to_regclass('tm_meta') IS NULL AS e")).rows[0].e as boolean;
      await client.query(SCHEMA);
      await client.query("INSERT INTO tm_meta (key, value) VALUES ('schema', $1) ON CONFLICT DO NOTHING", [SCHEMA_VERSION]);
      await client.query('COMMIT');
    }
    const version = (await client.query("SELECT value FROM tm_meta WHERE key = 'schema'")).rows[0]?.value as string | undefined;
    if (version !== SCHEMA_VERSION) throw new BitextError(`${name}: not a Bitext translation memory of this version (schema ${String(version)}, expected ${SCHEMA_VERSION})`);
  } catch (error) {
    await client.end();
    throw fail(error);
  }
  let counts = new Uint16Array(0);

  /** Run `work` as one write transaction (module comment); rolled back on any error. */
  async function writing<T>(work: () => Promise<T>): Promise<T> {
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw fail(error);
    }
  }

  /**
   * Store `units` (inside `writing`): identical pairs (already stored, or earlier in `units`) are
   * not stored again. Returns per unit its id and whether it was added, in order.
   */
  async function store(units: Iterable<TranslationUnit>): Promise<{ id: number; added: boolean }[]> {
    const out: { id: number; added: boolean }[] = [];
    const postings = postingBuffer();
    let batch: PreparedUnit[] = [];
    // The COPY of the last batch runs on the server while the next batch is prepared here (on 2
    // CPUs the two overlap); its failure surfaces at the next await of it.
    let copying: Promise<void> = Promise.resolve();
    const flush = async (): Promise<void> => {
      await copying;
      if (batch.length === 0) return;
      // Pairs stored by earlier batches of this transaction are found by the query below (a
      // transaction sees its own rows), so what is known is kept per batch only.
      const stored = new Map<number, UnitRow[]>();
      const rows = (await client.query({ name: 'tm_find_pairs', text: 'SELECT id, source, target, source_markup, target_markup, source_key, target_key, pair_hash FROM tm_units WHERE pair_hash = ANY($1::int8[])', values: [[...new Set(batch.map((p) => p.hash))]] })).rows as UnitRow[];
      for (const r of rows) stored.set(r.pair_hash as number, [...stored.get(r.pair_hash as number) ?? [], r]);
      const fresh = new Map<number, { p: PreparedUnit; at: number }[]>();
      const added: { p: PreparedUnit; at: number }[] = [];
      const repeats: { at: number; of: { at: number } }[] = [];
      for (const p of batch) {
        const row = stored.get(p.hash)?.find((r) => samePair(p, r));
        if (row) {
          out.push({ id: row.id as number, added: false });
          continue;
        }
        const same = fresh.get(p.hash)?.find((f) => (f.p.a === p.a && f.p.b === p.b) || (f.p.a === p.b && f.p.b === p.a));
        // A unit repeated inside this batch gets its first copy's id once the sequence gave it.
        if (same) repeats.push({ at: out.length, of: same });
        else {
          const entry = { p, at: out.length };
          fresh.set(p.hash, [...fresh.get(p.hash) ?? [], entry]);
          added.push(entry);
        }
        out.push({ id: -1, added: !same });
      }
      if (added.length > 0) {
        const ids = (await client.query({ name: 'tm_unit_ids', text: "SELECT nextval('tm_units_id_seq')::int4 AS id FROM generate_series(1, $1)", values: [added.length] })).rows;
        const copy = new BinaryRows();
        added.forEach(({ p, at }, i) => {
          const id = ids[i].id as number;
          out[at].id = id;
          copy.row(1 + p.values.length);
          copy.field('int4', id);
          p.values.forEach((v, c) => copy.field(UNIT_VALUE_TYPES[c], v));
          bufferPostings(postings, p.keys, id);
        });
        copying = copyIn(client, COPY_UNITS, copy);
        copying.catch(() => undefined);
      }
      for (const r of repeats) out[r.at].id = out[r.of.at].id;
      batch = [];
      if (postings.buffered >= FLUSH_POSTINGS) {
        await copying;
        await writePostings(postings);
      }
    };
    for (const unit of units) {
      // Let the socket take the pending COPY's bytes now and then.
      if (batch.length % YIELD_EVERY === YIELD_EVERY - 1) await new Promise(setImmediate);
      batch.push(prepareUnit(unit));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await copying;
    await writePostings(postings);
    // Fresh statistics for the lookups' plans after a bulk load: at 1,000,000 bench units lookups
    // took p50 60 ms even after autovacuum's analyze, 13 ms after this (same run, load average 5).
    if (out.filter((o) => o.added).length >= BATCH) await client.query('ANALYZE tm_units, tm_grams');
    return out;
  }

  /** Write the buffered postings as one new chunk per key (`tm_grams`), one COPY; empties `w`. */
  async function writePostings(w: PostingBuffer): Promise<void> {
    if (w.buffered === 0) return;
    const sorted = sortPostings(w.keys, w.ids, w.buffered);
    const bytes = Buffer.from(sorted.ids.buffer, sorted.ids.byteOffset, sorted.ids.length * 4);
    const chunk = (await client.query({ name: 'tm_next_chunk', text: "SELECT nextval('tm_gram_chunks') AS c" })).rows[0].c as number;
    const copy = new BinaryRows();
    forEachKeyRun(sorted.keys, (key, start, end) => {
      copy.row(4);
      copy.field('int4', key);
      copy.field('int8', chunk);
      copy.field('int4', end - start);
      copy.field('bytea', bytes.subarray(start * 4, end * 4));
    });
    await copyIn(client, COPY_GRAMS, copy);
    w.buffered = 0;
  }

  async function clear(): Promise<void> {
    await client.query('DELETE FROM tm_units');
    await client.query('DELETE FROM tm_grams');
  }

  const count = (result: { added: boolean }[]): AddResult => ({ added: result.filter((r) => r.added).length, existing: result.filter((r) => !r.added).length });

  const add = (units: Iterable<TranslationUnit>, replace = false): Promise<AddResult> => writing(async () => {
    if (replace) await clear();
    return count(await store(units));
  });

  return {
    name,
    async addUnits(units, options = {}) {
      return add(units, options.replace);
    },
    async importUnits(read, options = {}) {
      const units: TranslationUnit[] = [];
      read((unit) => { units.push(unit); });
      return add(units, options.replace);
    },
    async candidates(tokens, sourceLang, wanted) {
      try {
        const keys = gramKeys(tokens, familyHash(sourceLang));
        if (keys.length === 0) return [];
        const lists = (await client.query({ name: 'tm_postings', text: POSTINGS, values: [keys, POSTING_BUDGET] })).rows.map((r) => blobIds(r.ids as Buffer));
        if (lists.length === 0) return [];
        let maxId = 0;
        for (const ids of lists) for (let i = 0; i < ids.length; i++) if (ids[i] > maxId) maxId = ids[i];
        if (counts.length <= maxId) counts = new Uint16Array(maxId + 1024);
        const ids = topByCount(lists, maxId, counts, wanted);
        return (await client.query({ name: 'tm_candidates', text: CANDIDATES, values: [ids] })).rows as CandidateRow[];
      } catch (error) {
        throw fail(error);
      }
    },
    async concordance(term, options = {}): Promise<ConcordanceHit[]> {
      // The same keys and narrowing as SQLite (pipeline/memory/concordance.ts), in three queries:
      // counts of every key, the postings narrowing may read, then rows a batch at a time.
      const q = concordanceQuery(term, options);
      if (q.max <= 0) return [];
      try {
        const all = [...new Set(q.familyKeys.flat())];
        const n = new Map<number, number>();
        for (const r of (await client.query('SELECT gram, sum(n)::int4 AS n FROM tm_grams WHERE gram = ANY($1::int4[]) GROUP BY gram', [all])).rows) n.set(r.gram as number, r.n as number);
        const dfs = q.familyKeys.map((keys) => keys.map((key) => ({ key, n: n.get(key) ?? 0 })));
        const read = [...new Set(dfs.flatMap(postingsToRead))];
        const blobs = new Map<number, Buffer[]>();
        if (read.length > 0) {
          for (const r of (await client.query('SELECT gram, ids FROM tm_grams WHERE gram = ANY($1::int4[]) ORDER BY gram, chunk', [read])).rows) {
            const list = blobs.get(r.gram as number);
            if (list) list.push(r.ids as Buffer);
            else blobs.set(r.gram as number, [r.ids as Buffer]);
          }
        }
        const ids = mergeCandidates(dfs.map((df) => familyCandidates(df, (key) => joinPostings(blobs.get(key) ?? []))));
        const hits: ConcordanceHit[] = [];
        for (const batch of candidateBatches(ids, q.max)) {
          const rows = (await client.query(`SELECT ${CONCORDANCE_COLUMNS} FROM tm_units WHERE id = ANY($1::int4[]) AND superseded IS NULL ORDER BY id DESC`, [batch])).rows as ConcordanceRow[];
          if (addConcordanceHits(hits, rows, q)) break;
        }
        return hits;
      } catch (error) {
        throw fail(error);
      }
    },
    async *units() {
      let after = 0;
      for (;;) {
        let rows: UnitRow[];
        try {
          rows = (await client.query('SELECT * FROM tm_units WHERE id > $1 ORDER BY id LIMIT $2', [after, PAGE])).rows;
        } catch (error) {
          throw fail(error);
        }
        if (rows.length === 0) return;
        for (const row of rows) yield rowToStoredUnit(row);
        after = rows[rows.length - 1].id as number;
      }
    },
    async builds() {
      try {
        return (await client.query('SELECT id, at, source FROM tm_builds ORDER BY id')).rows as BuildRecord[];
      } catch (error) {
        throw fail(error);
      }
    },
    async copyIn(units, builds) {
      const all: StoredUnit[] = [];
      for await (const unit of units) all.push(unit);
      return writing(async () => {
        const buildIds = new Map<number, number>();
        for (const b of builds) buildIds.set(b.id, (await client.query('INSERT INTO tm_builds (at, source) VALUES ($1, $2) RETURNING id', [b.at, b.source])).rows[0].id as number);
        const stored = await store(all);
        const ids: number[] = [];
        const dates: string[] = [];
        const by: (number | null)[] = [];
        stored.forEach((s, i) => {
          const unit = all[i];
          if (!s.added || unit.superseded === null) return;
          ids.push(s.id);
          dates.push(unit.superseded);
          by.push(unit.supersededBy === null ? null : buildIds.get(unit.supersededBy) ?? null);
        });
        if (ids.length > 0) {
          await client.query('UPDATE tm_units u SET superseded = t.at, superseded_by = t.b FROM unnest($1::int4[], $2::text[], $3::int4[]) AS t(id, at, b) WHERE u.id = t.id', [ids, dates, by]);
        }
        return count(stored);
      });
    },
    async stats(): Promise<MemoryStats> {
      try {
        const pairs = (await client.query(`SELECT source_lang AS "sourceLang", target_lang AS "targetLang", count(*)::int4 AS units FROM tm_units
          GROUP BY source_lang, target_lang ORDER BY units DESC, "sourceLang", "targetLang"`)).rows;
        const origins = (await client.query('SELECT origin_doc AS doc, count(*)::int4 AS units FROM tm_units GROUP BY origin_doc ORDER BY units DESC, doc NULLS FIRST')).rows;
        const counts = (await client.query('SELECT count(*)::int4 AS units, (count(*) FILTER (WHERE superseded IS NOT NULL))::int4 AS superseded FROM tm_units')).rows[0] as { units: number; superseded: number };
        return { units: counts.units, current: counts.units - counts.superseded, superseded: counts.superseded, pairs, origins };
      } catch (error) {
        throw fail(error);
      }
    },
    async addBuild(units, docs, source, at = isoNow()): Promise<BuildUnitsResult> {
      return writing(async () => {
        const build = (await client.query('INSERT INTO tm_builds (at, source) VALUES ($1, $2) RETURNING id', [at, source])).rows[0].id as number;
        const stored = await store(units);
        const built = [...new Set(stored.map((s) => s.id))];
        const existing = [...new Set(stored.filter((s) => !s.added).map((s) => s.id))];
        const restored = existing.length === 0 ? 0 : (await client.query('UPDATE tm_units SET superseded = NULL, superseded_by = NULL WHERE id = ANY($1::int4[]) AND superseded IS NOT NULL', [existing])).rowCount ?? 0;
        const superseded = (await client.query('UPDATE tm_units SET superseded = $1, superseded_by = $2 WHERE origin_doc = ANY($3::text[]) AND superseded IS NULL AND NOT (id = ANY($4::int4[]))',
          [at, build, docs, built])).rowCount ?? 0;
        const c = count(stored);
        return { build, added: c.added, existing: c.existing, superseded, restored };
      });
    },
    async prune(): Promise<PrunedUnit[]> {
      return writing(async () => {
        const rows = (await client.query('SELECT id, source, target, source_lang, target_lang, origin_doc, origin_link, superseded, superseded_by FROM tm_units WHERE superseded IS NOT NULL ORDER BY id')).rows;
        if (rows.length === 0) return [];
        const removed = new Set<number>(rows.map((r) => r.id as number));
        const keys = new Set<number>();
        for (const r of rows) for (const k of unitGramKeys(matchTokens(r.source), r.source_lang, matchTokens(r.target), r.target_lang)) keys.add(k);
        const chunks = (await client.query('SELECT gram, chunk, ids FROM tm_grams WHERE gram = ANY($1::int4[])', [[...keys]])).rows as { gram: number; chunk: number; ids: Buffer }[];
        for (const c of chunks) {
          const all = blobIds(c.ids);
          const kept = all.filter((id) => !removed.has(id));
          if (kept.length === all.length) continue;
          if (kept.length === 0) await client.query('DELETE FROM tm_grams WHERE gram = $1 AND chunk = $2', [c.gram, c.chunk]);
          else await client.query('UPDATE tm_grams SET n = $1, ids = $2 WHERE gram = $3 AND chunk = $4', [kept.length, Buffer.from(kept.buffer), c.gram, c.chunk]);
        }
        await client.query('DELETE FROM tm_units WHERE id = ANY($1::int4[])', [[...removed]]);
        return rows.map((r) => ({ source: r.source, target: r.target, sourceLang: r.source_lang, targetLang: r.target_lang, origin: { doc: r.origin_doc, link: r.origin_link }, superseded: r.superseded, build: r.superseded_by }));
      });
    },
    async recordUsage(ids) {
      const times = new Map<number, number>();
      for (const id of ids) times.set(id, (times.get(id) ?? 0) + 1);
      if (times.size === 0) return 0;
      return writing(async () => {
        const rows = (await client.query('UPDATE tm_units u SET usage = usage + t.c FROM unnest($1::int4[], $2::int4[]) AS t(id, c) WHERE u.id = t.id RETURNING t.c AS c', [[...times.keys()], [...times.values()]])).rows;
        return rows.reduce((n, r) => n + (r.c as number), 0);
      });
    },
    async close() {
      await client.end();
    },
    async abandon() {
      // A memory this opening made, still without a unit, goes again: a failed first import leaves nothing.
      if (created) {
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK});
          DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM tm_units) AND NOT EXISTS (SELECT 1 FROM tm_builds) THEN
            DROP TABLE tm_units, tm_grams, tm_builds, tm_meta; DROP SEQUENCE tm_gram_chunks; END IF; END $$; COMMIT;`).catch(() => client.query('ROLLBACK'));
      }
      await client.end();
    },
  };
}
