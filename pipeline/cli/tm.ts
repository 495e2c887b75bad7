/**
 * `bitext tm import|export|lookup|concordance|stats|prune|migrate`: the translation memory
 * (pipeline/memory) from the command line. Every verb takes `--memory PATH|URL` (default
 * `$BITEXT_MEMORY`, else `output/memory.sqlite`): a file, or a `postgres://` URL
 * (pipeline/memory/postgres.ts); only `tm import` and `tm migrate` create a missing memory (and
 * remove it again when they fail); export, lookup, concordance and stats open it read-only; prune
 * writes an existing one. Bad usage or unreadable input throws `BitextError` (exit 2); `tm export`
 * never writes over a source document or a file that is not TMX.
 */
import { BitextError, checkOutputFile } from '../io.ts';
import type { LookupHit } from '../types.ts';
import { escapeControls, paint } from '../text/index.ts';
import { checkMemorySpec, exportTmx, exportTmxFrom, exportWarning, exportWarningOf, isPostgresUrl, lookupIn, memoryName, migrateMemory, type ConcordanceHit, type ConcordanceSide } from '../memory/index.ts';
import { readTmxUnits, type TmxImportResult } from '../memory/tmx-import.ts';
import { pathIn, useColor, type CliIo } from './context.ts';
import { integerArgument, languageArgument, memoryIn, withBackend, withMemory } from './memory.ts';

/** Arguments of `tm import`. */
export interface TmImportArgs {
  /** TMX file to read (1.4b or 1.1; UTF-8 or UTF-16). */
  file: string;
  /** Source language of the units to take (BCP 47). */
  src?: string;
  /** Target language of the units to take (BCP 47). */
  tgt?: string;
  /** Empty the memory first (same transaction). */
  replace?: boolean;
  memory: string;
  json?: boolean;
}

/** Import a TMX file (`importTmx`) and print the counts (or JSON). Resolves to 0. */
export async function runTmImport(args: TmImportArgs, io: CliIo): Promise<number> {
  const file = pathIn(io, args.file);
  const memory = memoryIn(io, args.memory);
  const options = { sourceLang: languageArgument(args.src, '--src'), targetLang: languageArgument(args.tgt, '--tgt') };
  let read: TmxImportResult | undefined;
  const stored = await withBackend(memory, 'create', (b) => b.importUnits((store) => {
    read = readTmxUnits(file, options, (unit) => { store(unit); return true; });
  }, { replace: args.replace }));
  const result = { ...read!, added: stored.added, existing: stored.existing };
  if (args.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else io.stdout.write(`${file}: ${result.tus} units read, ${result.added} added, ${result.existing} already there, ${result.skipped} skipped (no variant pair in the languages asked) → ${memoryName(memory)}\n`);
  return 0;
}

/** Arguments of `tm export`. */
export interface TmExportArgs {
  /** TMX file to write. */
  file: string;
  /** Only units with this source language (either direction). */
  src?: string;
  /** Only units with this target language (either direction). */
  tgt?: string;
  /** Only units from this document. */
  doc?: string;
  memory: string;
}

/** Export the memory (or the units the filter keeps) as TMX 1.4b; a warning on stderr when the filter matched nothing the memory has. Resolves to 0. */
export async function runTmExport(args: TmExportArgs, io: CliIo): Promise<number> {
  const file = pathIn(io, args.file);
  const memory = memoryIn(io, args.memory);
  checkMemorySpec(memory);
  checkOutputFile(file, isPostgresUrl(memory) ? [] : [memory], ['.tmx', '.xml']);
  const filter = { sourceLang: languageArgument(args.src, '--src'), targetLang: languageArgument(args.tgt, '--tgt'), doc: args.doc };
  // A file streams through `exportTmx`; a server's units come through the back-end interface.
  const { n, warning } = isPostgresUrl(memory)
    ? await withBackend(memory, 'read', async (b) => {
      const n = await exportTmxFrom(b, file, filter);
      return { n, warning: n > 0 ? null : exportWarningOf(await b.stats(), filter, n) };
    })
    : withMemory(memory, 'read', (m) => {
      const n = exportTmx(m, file, filter);
      return { n, warning: exportWarning(m, filter, n) };
    });
  if (warning) io.stderr.write(`${file}: warning: ${warning}\n`);
  io.stdout.write(`${file}: ${n} units written\n`);
  return 0;
}

/** Arguments of `tm lookup`. */
export interface TmLookupArgs {
  /** Text to look up. */
  text: string;
  /** Language of the text (default: zh-Hans if it has CJK characters, else en). */
  src?: string;
  /** Language wanted (default: en for Chinese text, else zh-Hans). */
  tgt?: string;
  /** Lowest score shown, 0–100 (as typed; checked here). */
  min: string;
  /** Most hits shown, 1–1000 (as typed; checked here). */
  max: string;
  memory: string;
  json?: boolean;
}

/**
 * Fuzzy lookup (`lookup`; the query's language and script detected unless `--src` says): hits best
 * first with score, source, target, origin (document and link, or `imported TMX`) and the day the
 * unit last changed, or JSON (`hitJson`). Texts from the memory (and so from imported TMX) are
 * printed with line breaks as ` ¶ ` and control characters escaped (`escapeControls`). Resolves to 0.
 */
export async function runTmLookup(args: TmLookupArgs, io: CliIo): Promise<number> {
  const min = integerArgument(args.min, '--min', 0, 100);
  const max = integerArgument(args.max, '--max', 1, 1000);
  const options = { sourceLang: languageArgument(args.src, '--src'), targetLang: languageArgument(args.tgt, '--tgt'), min, max };
  const hits = await withBackend(memoryIn(io, args.memory), 'read', (b) => lookupIn(b, args.text, options));
  if (args.json) {
    io.stdout.write(JSON.stringify(hits.map((h) => ({ ...hitJson(h), score: h.score, band: h.band })), null, 2) + '\n');
    return 0;
  }
  if (hits.length === 0) io.stdout.write(`no match with score ≥ ${min}\n`);
  for (const h of hits) io.stdout.write(`${String(h.score).padStart(3)}  ${safeText(h.source)}\n     → ${safeText(h.target)}  (${unitProvenance(h)})\n`);
  return 0;
}

/** A text from the memory on one terminal line: line breaks as ` ¶ `, controls escaped. */
export function safeText(text: string): string {
  return escapeControls(text.replace(/\n/g, ' ¶ '));
}

/** Where a unit comes from and when it last changed, for a terminal: `demo b1s0, 2026-03-04` or `imported TMX, 2026-03-04`. */
export function unitProvenance(unit: Pick<LookupHit, 'origin' | 'changed'>): string {
  return `${unit.origin ? safeText(`${unit.origin.doc} ${unit.origin.link}`) : 'imported TMX'}, ${unit.changed.slice(0, 10)}`;
}

/**
 * The fields of a unit in `--json` output, shared by `tm lookup` and `tm concordance`: texts,
 * languages, origin (`{ doc, link }`, null for imported units), `created` and `changed` (ISO 8601
 * UTC) and usage count.
 */
export function hitJson(unit: Pick<LookupHit, 'source' | 'target' | 'sourceLang' | 'targetLang' | 'origin' | 'created' | 'changed' | 'usage'>): Record<string, unknown> {
  const { source, target, sourceLang, targetLang, origin, created, changed, usage } = unit;
  return { source, target, sourceLang, targetLang, origin, created, changed, usage };
}

/** Arguments of `tm concordance`. */
export interface TmConcordanceArgs {
  /** Term to find. */
  term: string;
  /** Side of the stored units searched. */
  side: ConcordanceSide;
  /** Most units shown, 1–1000 (as typed; checked here). */
  max: string;
  memory: string;
  json?: boolean;
}

/**
 * Concordance (`TmBackend.concordance`, a file or a server): the units holding the term, newest first, each as source, target
 * and `unitProvenance`, every place of the term marked — bold and inverse on a terminal
 * (`useColor`), in `[…]` otherwise — or JSON (`hitJson` and the places). Resolves to 0, also when
 * nothing holds the term (the output then says so).
 */
export async function runTmConcordance(args: TmConcordanceArgs, io: CliIo): Promise<number> {
  const max = integerArgument(args.max, '--max', 1, 1000);
  const hits = await withBackend(memoryIn(io, args.memory), 'read', (b) => b.concordance(args.term, { side: args.side, max }));
  if (args.json) {
    io.stdout.write(JSON.stringify(hits.map((h) => ({ ...hitJson(h), matches: h.matches })), null, 2) + '\n');
    return 0;
  }
  if (hits.length === 0) io.stdout.write(`no unit holds "${safeText(args.term)}"\n`);
  const color = useColor(io);
  const marked = (text: string, side: 'source' | 'target', matches: ConcordanceHit['matches']) => {
    let out = '';
    let at = 0;
    for (const m of matches) {
      if (m.side !== side) continue;
      const term = safeText(text.slice(m.start, m.end));
      out += safeText(text.slice(at, m.start)) + (color ? paint(['bold', 'inverse'], term, true) : `[${term}]`);
      at = m.end;
    }
    return out + safeText(text.slice(at));
  };
  for (const h of hits) io.stdout.write(`${marked(h.source, 'source', h.matches)}\n  → ${marked(h.target, 'target', h.matches)}  (${unitProvenance(h)})\n`);
  return 0;
}

/** Arguments of `tm stats`. */
export interface TmStatsArgs {
  memory: string;
  json?: boolean;
}

/**
 * Units in all, current and superseded apart, then per language pair and per origin document
 * (`TmBackend.stats`, `MemoryStats`; names with control characters escaped), or JSON. Resolves to 0.
 */
export async function runTmStats(args: TmStatsArgs, io: CliIo): Promise<number> {
  const memory = memoryIn(io, args.memory);
  const stats = await withBackend(memory, 'read', (b) => b.stats());
  if (args.json) {
    io.stdout.write(JSON.stringify(stats, null, 2) + '\n');
    return 0;
  }
  io.stdout.write(`${memoryName(memory)}: ${stats.units} units\n  ${stats.current} current, ${stats.superseded} superseded${stats.superseded > 0 ? ' (bitext tm prune removes them)' : ''}\n`);
  for (const p of stats.pairs) io.stdout.write(`  ${p.sourceLang} → ${p.targetLang}: ${p.units}\n`);
  for (const o of stats.origins) io.stdout.write(`  from ${o.doc === null ? '(imported TMX)' : escapeControls(o.doc)}: ${o.units}\n`);
  return 0;
}

/** Arguments of `tm prune`. */
export interface TmPruneArgs {
  memory: string;
  json?: boolean;
}

/**
 * Remove the superseded units (`pruneSuperseded`: those a rebuild's alignment no longer has) and
 * print each one removed — origin, when and by which build it was superseded, source and target
 * (texts and names with line breaks as ` ¶ ` and control characters escaped) — then the count;
 * or JSON `{ removed: [...] }`. Resolves to 0 (also when nothing was superseded).
 */
export async function runTmPrune(args: TmPruneArgs, io: CliIo): Promise<number> {
  const memory = memoryIn(io, args.memory);
  const removed = await withBackend(memory, 'write', (b) => b.prune());
  if (args.json) {
    io.stdout.write(JSON.stringify({ removed }, null, 2) + '\n');
    return 0;
  }
  for (const u of removed) {
    io.stdout.write(`${safeText(`${u.origin.doc} ${u.origin.link}`)} (superseded ${u.superseded} by build ${u.build}): ${safeText(u.source)}\n     → ${safeText(u.target)}\n`);
  }
  io.stdout.write(`${memoryName(memory)}: ${removed.length} superseded units removed\n`);
  return 0;
}

/** Arguments of `tm migrate`. */
export interface TmMigrateArgs {
  /** Memory to copy from (path or postgres:// URL). */
  from: string;
  /** Memory to copy into (created when missing). */
  to: string;
  json?: boolean;
}

/**
 * Copy every unit (superseded ones with their supersession) and every build of FROM into TO
 * (`migrateMemory`, one transaction; TO is created when missing and removed again when the copy
 * fails); identical pairs already in TO are counted, not stored again. Prints the counts (or JSON
 * `{ added, existing }`). Resolves to 0.
 */
export async function runTmMigrate(args: TmMigrateArgs, io: CliIo): Promise<number> {
  const from = memoryIn(io, args.from);
  const to = memoryIn(io, args.to);
  if (from === to) throw new BitextError(`${memoryName(from)}: tm migrate needs two different memories`);
  const result = await withBackend(from, 'read', (source) => withBackend(to, 'create', (target) => migrateMemory(source, target)));
  if (args.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else io.stdout.write(`${memoryName(from)} → ${memoryName(to)}: ${result.added} units copied, ${result.existing} already there\n`);
  return 0;
}
