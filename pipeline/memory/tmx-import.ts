/**
 * `tm import`: TMX units into the translation memory, in one transaction.
 *
 * Which variants make a unit (variants are chosen by language, never by position):
 * - no `--src`/`--tgt`: every `<tu>` with a Chinese and an English variant. The direction follows
 *   the unit's `srclang` (the `<tu>` attribute, else the header's): English when it names English,
 *   otherwise Chinese (also for `*all*` or no srclang).
 * - `--src S` and/or `--tgt T`: the source variant has language S, the targets language T
 *   (`tagMatches`: `en` takes `en-US`, `zh-CN` ≡ `zh-Hans`). A missing S defaults to `zh`
 *   (or `en` when T is Chinese); a missing T to `en` (or `zh` when S is English).
 * The source variant is the first one of language S, preferring the one whose tag equals srclang;
 * every other variant of language T becomes a unit with it. A `<tu>` without a non-empty variant
 * on both sides is skipped and counted. Tags are stored in canonical case, as written otherwise.
 * Dates, `creationtool`, `usagecount` and Bitext's own `x-origin-doc`, `x-origin-link`,
 * `x-align-score`, `x-change-tool` props are read back, so export → import → export is stable.
 */
import { BitextError } from '../io.ts';
import type { LanguageTag, TranslationUnit } from '../types.ts';
import { canonicalTag, isChinese, tagMatches } from '../text/index.ts';
import { clearUnits, inUnitTransaction, isoNow, storeUnit, type Memory } from './store.ts';
import { tmxDateToIso } from './tmx-date.ts';
import { readTmx, type TmxHeader, type TmxUnit, type TmxVariant } from './tmx-read.ts';

/** Options of `importTmx`. */
export interface TmxImportOptions {
  sourceLang?: LanguageTag;
  targetLang?: LanguageTag;
  /** Empty the TM first (in the same transaction); default: merge. */
  replace?: boolean;
  /** Date for units without one (ISO 8601 UTC), default now. */
  now?: string;
}

/** Counts of one import: `<tu>` elements read, units added, identical units already present, `<tu>` skipped. */
export interface TmxImportResult {
  file: string;
  tus: number;
  added: number;
  existing: number;
  skipped: number;
}

function hasText(v: TmxVariant): boolean {
  return v.text.trim() !== '';
}

function langOf(v: TmxVariant): string | null {
  try {
    return canonicalTag(v.lang);
  } catch {
    return null;
  }
}

/** The (source, target) variant pairs a `<tu>` gives under `options` (module comment). */
export function selectPairs(tu: TmxUnit, header: TmxHeader, options: Pick<TmxImportOptions, 'sourceLang' | 'targetLang'>): [TmxVariant, TmxVariant][] {
  const srclangRaw = tu.attributes.srclang ?? header.srclang;
  const srclang = srclangRaw && srclangRaw !== '*all*' ? (() => { try { return canonicalTag(srclangRaw); } catch { return undefined; } })() : undefined;
  let src = options.sourceLang;
  let tgt = options.targetLang;
  if (src === undefined && tgt === undefined) {
    const english = srclang !== undefined && tagMatches('en', srclang);
    src = english ? 'en' : 'zh';
    tgt = english ? 'zh' : 'en';
  } else if (src === undefined) {
    src = isChinese(tgt!) ? 'en' : 'zh';
  } else if (tgt === undefined) {
    tgt = tagMatches('en', src) ? 'zh' : 'en';
  }
  const usable = tu.variants.filter((v) => hasText(v) && langOf(v) !== null);
  const sources = usable.filter((v) => tagMatches(src!, langOf(v)!));
  if (sources.length === 0) return [];
  const source = sources.find((v) => srclang !== undefined && langOf(v) === srclang) ?? sources[0];
  return usable.filter((v) => v !== source && tagMatches(tgt!, langOf(v)!)).map((t) => [source, t]);
}

/** Build the stored unit for one pair of a `<tu>`. */
function toUnit(tu: TmxUnit, header: TmxHeader, source: TmxVariant, target: TmxVariant, now: string): TranslationUnit {
  const a = tu.attributes;
  const created = tmxDateToIso(a.creationdate) ?? tmxDateToIso(source.attributes.creationdate) ?? tmxDateToIso(header.creationdate) ?? now;
  const changed = tmxDateToIso(a.changedate) ?? tmxDateToIso(target.attributes.changedate) ?? created;
  const usage = Number.parseInt(a.usagecount ?? '', 10);
  const score = Number.parseFloat(tu.props['x-align-score'] ?? '');
  const doc = tu.props['x-origin-doc'];
  const creationTool = a.creationtool ?? header.creationtool ?? null;
  return {
    source: source.text,
    target: target.text,
    sourceMarkup: source.markup,
    targetMarkup: target.markup,
    sourceLang: canonicalTag(source.lang),
    targetLang: canonicalTag(target.lang),
    origin: doc === undefined ? null : { doc, link: tu.props['x-origin-link'] ?? '' },
    score: Number.isFinite(score) ? score : null,
    created,
    changed,
    creationTool,
    changeTool: tu.props['x-change-tool'] ?? creationTool,
    usage: Number.isFinite(usage) && usage >= 0 ? usage : 0,
  };
}

/**
 * Read the units of the TMX file `file` under `options` (module comment), handing each to `store`,
 * which says whether it was added; returns the counts. The one reading of `tm import` for every back
 * end (pipeline/memory/backend.ts). Throws `BitextError` as `importTmx` does.
 */
export function readTmxUnits(file: string, options: TmxImportOptions, store: (unit: TranslationUnit) => boolean): TmxImportResult {
  for (const tag of [options.sourceLang, options.targetLang]) {
    if (tag === undefined) continue;
    try {
      canonicalTag(tag);
    } catch (error) {
      throw new BitextError((error as Error).message, { cause: error });
    }
  }
  const now = options.now ?? isoNow();
  const result: TmxImportResult = { file, tus: 0, added: 0, existing: 0, skipped: 0 };
  let header: TmxHeader = { attributes: {} };
  readTmx(
    file,
    (tu) => {
      result.tus++;
      const pairs = selectPairs(tu, header, options);
      if (pairs.length === 0) {
        result.skipped++;
        return;
      }
      for (const [source, target] of pairs) {
        if (store(toUnit(tu, header, source, target, now))) result.added++;
        else result.existing++;
      }
    },
    (h) => { header = h; },
  );
  return result;
}

/**
 * Import the TMX file `file` into `memory` as one transaction (a broken file leaves the TM as it
 * was). Returns the counts. Throws `BitextError` (exit 2, `file:line:column:`) for unreadable,
 * malformed or unsafe (DTD entities) files, and for a bad `--src`/`--tgt` tag.
 */
export function importTmx(memory: Memory, file: string, options: TmxImportOptions = {}): TmxImportResult {
  let result: TmxImportResult | undefined;
  inUnitTransaction(memory, () => {
    if (options.replace) clearUnits(memory);
    result = readTmxUnits(file, options, (unit) => storeUnit(memory, unit));
  });
  return result!;
}
