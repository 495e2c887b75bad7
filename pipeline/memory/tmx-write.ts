/**
 * TMX 1.4b export (LISA/GALA TMX 1.4b spec): UTF-8, one `<tu>` per unit, two `<tuv>`s.
 *
 * Header: creationtool `Bitext`, creationtoolversion (package.json), segtype `sentence`,
 * o-tmf `Bitext`, adminlang `en`, srclang (the source language shared by every unit, else `*all*`),
 * datatype `plaintext`. Each `<tu>` carries srclang, creationdate/changedate (TMX basic ISO 8601),
 * creationtool (`Bitext` when unknown), usagecount, `segtype="paragraph"` for block links, and props `x-origin-doc`,
 * `x-origin-link`, `x-align-score`, `x-change-tool` (when set). Segments are written from their
 * stored markup when they had inline codes, else as escaped text (`&`, `<`, `>`; CR as `&#13;`).
 * Code points XML 1.0 cannot carry are taken out (`xmlSafe`: a C0 control other than tab/LF/CR
 * becomes a space; U+FFFE/U+FFFF and lone surrogates are removed); astral characters stay as
 * they are (raw UTF-8). Nothing depends on the clock, so export → import → export gives
 * the same bytes. Files are written atomically (temporary file, then rename) and streamed.
 */
import { writeFileAtomic, type Staging } from '../io.ts';
import { parseLinkId, type LanguageTag, type TranslationUnit } from '../types.ts';
import { matchKey, tagMatches } from '../text/index.ts';
import type { TmBackend } from './backend.ts';
import { iterateUnits, memoryStats, type Memory, type MemoryStats } from './store.ts';
import { isoToTmxDate } from './tmx-date.ts';
import { escapeAttribute, escapeText, xmlSafe } from './tmx-read.ts';

import { VERSION as BITEXT_VERSION } from '../version.ts';

/** Bitext's version, from package.json (the TMX `creationtoolversion`). */
export { BITEXT_VERSION };

/** Options of `writeTmx`. */
export interface TmxWriteOptions {
  /** Header srclang; default: the units' common source language, else `*all*`. */
  srclang?: string;
  /** Write identical pairs once (default true). */
  dedupe?: boolean;
  /** Stage the file in this set (put in place by its `commit`, pipeline/build.ts) instead of writing it now. */
  staging?: Staging;
}

/** Which units `exportTmx` writes (languages matched with `tagMatches`, either direction). */
export interface TmxExportFilter {
  sourceLang?: LanguageTag;
  targetLang?: LanguageTag;
  doc?: string;
}

function segContent(text: string, markup: string | null | undefined): string {
  if (markup) return xmlSafe(markup);
  return escapeText(xmlSafe(text)).replace(/\r/g, '&#13;');
}

function attr(name: string, value: string): string {
  return ` ${name}="${escapeAttribute(xmlSafe(value))}"`;
}

/** The `<tu>` element of one unit (indented two levels, ending with a newline). */
export function tuElement(unit: TranslationUnit): string {
  let tu = `    <tu${attr('srclang', unit.sourceLang)}${attr('creationdate', isoToTmxDate(unit.created))}`;
  tu += attr('creationtool', unit.creationTool || 'Bitext');
  tu += `${attr('changedate', isoToTmxDate(unit.changed))}${attr('usagecount', String(unit.usage))}`;
  const link = unit.origin ? parseLinkId(unit.origin.link) : null;
  if (link && link.sentence === undefined) tu += attr('segtype', 'paragraph'); // a block link's unit (`b6`)
  tu += '>\n';
  if (unit.origin) {
    tu += `      <prop type="x-origin-doc">${escapeText(xmlSafe(unit.origin.doc))}</prop>\n`;
    tu += `      <prop type="x-origin-link">${escapeText(xmlSafe(unit.origin.link))}</prop>\n`;
  }
  if (unit.score !== null && unit.score !== undefined) tu += `      <prop type="x-align-score">${String(unit.score)}</prop>\n`;
  if (unit.changeTool && unit.changeTool !== unit.creationTool) tu += `      <prop type="x-change-tool">${escapeText(xmlSafe(unit.changeTool))}</prop>\n`;
  tu += `      <tuv${attr('xml:lang', unit.sourceLang)}><seg>${segContent(unit.source, unit.sourceMarkup)}</seg></tuv>\n`;
  tu += `      <tuv${attr('xml:lang', unit.targetLang)}><seg>${segContent(unit.target, unit.targetMarkup)}</seg></tuv>\n`;
  return `${tu}    </tu>\n`;
}

/** The header srclang for `units`: their common source language, else `*all*`. */
function commonSource(units: Iterable<TranslationUnit>): string {
  let only: string | undefined;
  for (const unit of units) {
    if (only === undefined) only = unit.sourceLang;
    else if (unit.sourceLang !== only) return '*all*';
  }
  return only ?? '*all*';
}

/**
 * Write `units` as a TMX 1.4b file (module comment) to `file`, atomically and streamed (bounded
 * memory for a TM of any size). Identical pairs are written once (same texts, markup and language
 * match keys; the first is kept, as in the store) unless `options.dedupe` is false. Header srclang:
 * `options.srclang`, else the units' common source language (computed when `units` is an array),
 * else `*all*`. Written with `writeFileAtomic`, or staged in `options.staging`. Returns the number
 * of units written. Throws `Error` for a unit with an invalid date or tag, and `BitextError`
 * naming `file` when it cannot be written; either way `file` is untouched and no temporary file stays.
 */
export function writeTmx(units: Iterable<TranslationUnit>, file: string, options: TmxWriteOptions = {}): number {
  const srclang = options.srclang ?? (Array.isArray(units) ? commonSource(units) : '*all*');
  const dedupe = options.dedupe ?? true;
  let written = 0;
  function* chunks(): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n' +
      `  <header${attr('creationtool', 'Bitext')}${attr('creationtoolversion', BITEXT_VERSION)} segtype="sentence" o-tmf="Bitext" adminlang="en"${attr('srclang', srclang)} datatype="plaintext"/>\n` +
      '  <body>\n';
    const seen = new Set<string>();
    for (const unit of units) {
      if (dedupe) {
        const key = [matchKey(unit.sourceLang), matchKey(unit.targetLang), unit.source, unit.target, unit.sourceMarkup ?? '', unit.targetMarkup ?? ''].join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
      }
      written++;
      yield tuElement(unit);
    }
    yield '  </body>\n</tmx>\n';
  }
  if (options.staging) options.staging.write(file, chunks());
  else writeFileAtomic(file, chunks());
  return written;
}

function flip(unit: TranslationUnit): TranslationUnit {
  return {
    ...unit,
    source: unit.target,
    target: unit.source,
    sourceMarkup: unit.targetMarkup,
    targetMarkup: unit.sourceMarkup,
    sourceLang: unit.targetLang,
    targetLang: unit.sourceLang,
  };
}

/** `unit` as `filter` keeps it (turned to the filter's direction when stored the other way), or null; the filter's `doc` is not looked at. */
function oriented(unit: TranslationUnit, filter: TmxExportFilter): TranslationUnit | null {
  const ok = (want: string | undefined, tag: string) => want === undefined || tagMatches(want, tag);
  if (ok(filter.sourceLang, unit.sourceLang) && ok(filter.targetLang, unit.targetLang)) return unit;
  if (ok(filter.sourceLang, unit.targetLang) && ok(filter.targetLang, unit.sourceLang)) return flip(unit);
  return null;
}

/** Units of `memory` that pass `filter`, turned to the filter's direction when stored the other way. */
export function* filteredUnits(memory: Memory, filter: TmxExportFilter = {}): Generator<TranslationUnit> {
  for (const unit of iterateUnits(memory, filter.doc)) {
    const kept = oriented(unit, filter);
    if (kept) yield kept;
  }
}

/** Export the units of `memory` passing `filter` to `file` (TMX 1.4b, atomic). Returns the count. */
export function exportTmx(memory: Memory, file: string, filter: TmxExportFilter = {}): number {
  // Stored units are already distinct; two passes (srclang, then the body) keep memory bounded.
  return writeTmx(filteredUnits(memory, filter), file, { srclang: commonSource(filteredUnits(memory, filter)), dedupe: false });
}

/**
 * `exportTmx` from any back end (pipeline/memory/backend.ts), read through `TmBackend.units`: the
 * current units (superseded ones left out, as `iterateUnits` does) passing `filter`, in id order,
 * so the same units give the same bytes as from SQLite. Units are held in memory until written
 * (the file writer is synchronous; the rows come in pages). Returns the count; rejects as the back
 * end's reading or `writeTmx` does.
 */
export async function exportTmxFrom(backend: TmBackend, file: string, filter: TmxExportFilter = {}): Promise<number> {
  const units: TranslationUnit[] = [];
  for await (const unit of backend.units()) {
    if (unit.superseded !== null || (filter.doc !== undefined && unit.origin?.doc !== filter.doc)) continue;
    const kept = oriented(unit, filter);
    if (kept) units.push(kept);
  }
  return writeTmx(units, file, { srclang: commonSource(units), dedupe: false });
}

/**
 * The warning for an export that wrote `written` units: null when it wrote any, else one line
 * saying why the TMX is empty — the memory is empty; no unit comes from document `filter.doc`
 * (naming the documents the memory has, at most 10); or no unit is in the languages asked.
 * For the command line to print on stderr (the export itself succeeded: exit code 0).
 */
export function exportWarning(memory: Memory, filter: TmxExportFilter, written: number): string | null {
  return written > 0 ? null : exportWarningOf(memoryStats(memory), filter, written);
}

/** `exportWarning` from the memory's `stats` (`TmBackend.stats` on any back end). */
export function exportWarningOf(stats: MemoryStats, filter: TmxExportFilter, written: number): string | null {
  if (written > 0) return null;
  const empty = 'wrote a TMX file with no units';
  if (stats.units === 0) return `the translation memory is empty: ${empty}`;
  const docs = stats.origins.flatMap((o) => (o.doc === null ? [] : [o.doc])).sort();
  if (filter.doc !== undefined && !docs.includes(filter.doc)) {
    const known = docs.length === 0
      ? 'this memory holds only imported units'
      : `documents in this memory: ${docs.slice(0, 10).map((d) => `"${d}"`).join(', ')}${docs.length > 10 ? `, … ${docs.length} in all` : ''}`;
    return `no units from document "${filter.doc}" (${known}): ${empty}`;
  }
  const langs = `${filter.sourceLang ?? 'any language'} → ${filter.targetLang ?? 'any language'}`;
  return `no units ${filter.doc !== undefined ? `from document "${filter.doc}" ` : ''}in ${langs}: ${empty}`;
}
