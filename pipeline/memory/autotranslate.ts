/**
 * Auto-translatables: numbers, dates and Latin-script names carried from a query into a fuzzy
 * translation-memory hit's target (what memoQ calls auto-translatables and Trados "placeable
 * substitution").
 *
 * `substitute(query, hitSource, hitTarget, sourceLang, targetLang)`:
 * 1. Both sources are cut into placeables and the text between them. Placeables are the
 *    technical tokens of `technicalRanges` (pipeline/text/technical.ts: URLs, e-mail addresses,
 *    versions such as 1.2.0 or v3.9.0-beta.1, IP addresses, identifiers such as UTF-8 or GB2312),
 *    each ONE value whose digits are not numbers and whose letters are not names; the number
 *    mentions of `extractNumbers` outside them (pipeline/text/numbers.ts: digits, Chinese numerals
 *    such as 十六 or 两, dates — 2022.1.8 and 2021-12-08 are dates, not tokens —, years,
 *    percentages…); and, in a Chinese source, runs of Latin letters outside both (names: iPhone,
 *    Mate, Kubernetes). An English source has no name placeables: there every word is Latin, and a
 *    different word is a different text; its technical tokens are placeables as in Chinese.
 * 2. The two sources differ "only in placeables" when they have the same placeables by kind, in
 *    the same order, and the same content tokens between them (`matchTokens`, pipeline/memory/text.ts:
 *    case, width, whitespace and punctuation aside). Otherwise nothing is substituted and the
 *    numbers that differ (`unmatchedNumbers`) and the technical tokens one side lacks are named,
 *    paired in text order, as `unresolved` with reason `words differ`.
 * 3. Placeables are paired in order; a pair differs when its values differ (numbers: the value
 *    `extractNumbers` reads, so 两 and 2 are the same; names and technical tokens: the text). For
 *    each differing pair the old value is looked for in the hit's target: a number mention of the
 *    same class (a date meets a date, a month a month; numbers, years and ordinals meet one
 *    another) and value outside the target's technical tokens, the name as a whole Latin word, or
 *    a technical token of the same text, written whole (1.2.0 → 2.0.1, UTF-8 → UTF-16, never a
 *    part of it: an identifier is substituted like a name, since technical.ts counts it among what
 *    every language writes alike). It is substituted only when the old value occurs exactly
 *    once in the hit's source and exactly once in its target, and the new value can be written
 *    in the target's form (below); otherwise the pair is `unresolved` and named.
 * 4. The new value is written in the form the target uses: an English month name keeps its
 *    length and capitalisation (March → June, Mar. → Jun.), a day or a number keeps the target's
 *    digits (an ordinal suffix follows the number: 21st → 22nd), a scale word stays (12.6 million
 *    → 13.2 million for 1260万 → 1320万), thousands separators are used when the target's or the
 *    query's number has them (1,234.5), decimals as the query writes them (29.20 stays 29.20);
 *    a number the target writes in words (fourteen, twice), a clock time and a weekday are not
 *    rewritten (unresolved).
 *
 * Pure functions; offsets are UTF-16 code units.
 */
import type { LanguageTag } from '../types.ts';
import { blankRanges, ENGLISH_MONTH_ABBREVIATIONS, ENGLISH_MONTHS, extractNumbers, isChinese, technicalRanges, unmatchedNumbers, type NumberKind, type NumberMention, type TechnicalRange } from '../text/index.ts';
import { matchTokens } from './text.ts';

/** A UTF-16 range `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** One value substituted into the hit's target. */
export interface Substitution {
  /** `technical`: a whole technical token (module comment, step 1). */
  kind: 'number' | 'name' | 'technical';
  /** The old value as the hit's source writes it (`3月18日`, `iPhone`, `1.2.0`). */
  from: string;
  /** The new value as the query writes it (`6月28日`, `iPad`, `2.0.1`). */
  to: string;
  /** Where `to` is in the query. */
  sourceSpan: Span;
  /** Where the new value was written in the result's `text` (`June 28`). */
  targetSpan: Span;
}

/** Why a differing value was not substituted (module comment). */
export type UnresolvedReason = 'words differ' | 'not in target' | 'ambiguous' | 'cannot write';

/** A value that differs between the query and the hit but is not substituted. */
export interface Unresolved {
  /** As the hit's source writes it; null when the query has a number the hit lacks. */
  from: string | null;
  /** As the query writes it; null when the hit has a number the query lacks. */
  to: string | null;
  reason: UnresolvedReason;
}

/** Result of `substitute`: the target to use, what was substituted and what still differs. */
export interface AutoTranslation {
  text: string;
  substitutions: Substitution[];
  unresolved: Unresolved[];
}

/** A number mention, a Latin name or a technical token in a source. */
interface Placeable extends Span {
  kind: Substitution['kind'];
  /** Number class (see `numberClass`), `name` or `technical`: only placeables of one class are paired. */
  cls: string;
  text: string;
  mention: NumberMention | null;
}

/** Numbers, years and ordinals are one class (`2024年` ↔ `2024`, `第3` ↔ `Chapter 3`); other kinds each their own. */
function numberClass(kind: NumberKind): string {
  return kind === 'year' || kind === 'ordinal' ? 'number' : kind;
}

/** A run of Latin letters (with inner `-`, `'`, `.` or `&`), read as a name inside Chinese text. */
const LATIN_NAME = /[A-Za-z]+(?:[-'’.&][A-Za-z]+)*/g;

/** The technical tokens of `text` (URLs, addresses, versions, identifiers), not its markup. */
function technicalTokens(text: string): TechnicalRange[] {
  return technicalRanges(text).filter((r) => r.kind === 'token');
}

/**
 * The number mentions of `text` outside `tokens`: a token is blanked first (offsets kept), so
 * the parts of 1.2.0 or 192.168.1.1 are not read as numbers.
 */
function numbersOutside(text: string, tokens: readonly TechnicalRange[], lang: LanguageTag): NumberMention[] {
  return extractNumbers(tokens.length > 0 ? blankRanges(text, tokens) : text, lang);
}

function placeables(text: string, lang: LanguageTag): Placeable[] {
  const tokens = technicalTokens(text);
  const technical: Placeable[] = tokens.map((r) => ({ kind: 'technical', cls: 'technical', start: r.start, end: r.end, text: text.slice(r.start, r.end), mention: null }));
  const numbers: Placeable[] = numbersOutside(text, tokens, lang).map((m) => ({ kind: 'number', cls: numberClass(m.kind), start: m.start, end: m.end, text: m.text, mention: m }));
  const taken = [...technical, ...numbers].sort((a, b) => a.start - b.start);
  if (!isChinese(lang)) return taken;
  const names: Placeable[] = [];
  // Tokens and numbers are in text order without overlaps, so one pointer finds the first that may overlap.
  let k = 0;
  for (const m of text.matchAll(LATIN_NAME)) {
    const start = m.index;
    const end = start + m[0].length;
    while (k < taken.length && taken[k].end <= start) k++;
    if (k < taken.length && taken[k].start < end) continue;
    names.push({ kind: 'name', cls: 'name', start, end, text: m[0], mention: null });
  }
  return [...taken, ...names].sort((a, b) => a.start - b.start);
}

/** The content tokens of the text between (and around) `ps`, one array a gap. */
function gaps(text: string, ps: readonly Placeable[]): Int32Array[] {
  const out: Int32Array[] = [];
  let at = 0;
  for (const p of ps) {
    out.push(matchTokens(text.slice(at, p.start)));
    at = p.end;
  }
  out.push(matchTokens(text.slice(at)));
  return out;
}

function sameTokens(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Do two placeable lists and their gaps match (module comment, step 2)? */
function sameShape(query: string, q: readonly Placeable[], hit: string, h: readonly Placeable[]): boolean {
  if (q.length !== h.length || q.some((p, i) => p.cls !== h[i].cls)) return false;
  const qg = gaps(query, q);
  const hg = gaps(hit, h);
  return qg.every((g, i) => sameTokens(g, hg[i]));
}

/** What a placeable stands for: its class and value (a name's or a technical token's value is its text). */
function valueKey(p: Placeable): string {
  return p.mention === null ? `${p.cls}:${p.text}` : `${p.cls}:${p.mention.value}`;
}

/** The entries of `mine` whose text `theirs` lacks, each entry of `theirs` matching one of `mine` once. */
function unmatchedTexts(mine: readonly Placeable[], theirs: readonly Placeable[]): Placeable[] {
  const available = new Map<string, number>();
  for (const p of theirs) available.set(p.text, (available.get(p.text) ?? 0) + 1);
  return mine.filter((p) => {
    const n = available.get(p.text) ?? 0;
    if (n > 0) available.set(p.text, n - 1);
    return n === 0;
  });
}

/** Entries of `items` by `key`, in order (one pass, so looking values up stays linear). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Where names occur in `text` as whole Latin words (not inside a longer run of Latin letters or
 * digits). The text's letter-and-digit runs are indexed once, so each name costs the occurrences
 * of its first run, not a scan of the text.
 */
function nameFinder(text: string): (name: string) => Span[] {
  let runs: Map<string, RegExpExecArray[]> | null = null;
  return (name) => {
    runs ??= groupBy([...text.matchAll(/[A-Za-z0-9]+/g)], (m) => m[0]);
    const first = /^[A-Za-z0-9]+/.exec(name)![0];
    const out: Span[] = [];
    for (const { index } of runs.get(first) ?? []) {
      const end = index + name.length;
      if (text.startsWith(name, index) && !/[A-Za-z0-9]/.test(text[end] ?? '')) out.push({ start: index, end });
    }
    return out;
  };
}

const MONTH_NAMES = [...ENGLISH_MONTHS.keys()].filter((name) => !ENGLISH_MONTH_ABBREVIATIONS.includes(name));
/** An English month name and the period after an abbreviation (`Sept.`). */
const MONTH_WORD = new RegExp(`\\b(${[...ENGLISH_MONTHS.keys()].sort((a, b) => b.length - a.length).join('|')})\\b(\\.?)`, 'i');
const DIGIT_RUN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

/** Month `month` (1–12) written like `like` (`March` → `June`, `MAR` → `JUN`, `Sept` → `Oct`, `May` → `June`). */
function monthLike(like: string, month: number): string {
  const full = MONTH_NAMES[month - 1];
  const name = ENGLISH_MONTH_ABBREVIATIONS.includes(like.toLowerCase()) && full.length > 4 ? (month === 9 && like.length === 4 ? 'sept' : full.slice(0, 3)) : full;
  if (like.length > 1 && like === like.toUpperCase()) return name.toUpperCase();
  return like[0] === like[0].toUpperCase() ? name[0].toUpperCase() + name.slice(1) : name;
}

/** English ordinal suffix of an integer (1st, 2nd, 3rd, 11th, 22nd). */
function ordinalSuffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** `value` with `decimals` decimals (or as few as it needs when null), grouped by threes when `group`. */
function formatNumber(value: number, decimals: number | null, group: boolean): string {
  const fixed = decimals === null ? String(Number(value.toFixed(10))) : value.toFixed(decimals);
  if (!group) return fixed;
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * `old` (a target mention holding the old value) rewritten with the value of the query's mention
 * `to` (module comment, step 4); null when that form cannot be written.
 */
function rewrite(old: NumberMention, to: NumberMention): string | null {
  const runs = [...old.text.matchAll(DIGIT_RUN)];
  if (old.kind === 'date' || old.kind === 'month') {
    const [month, day] = old.kind === 'date' ? [Math.floor(to.value / 100), to.value % 100] : [to.value, null];
    const name = MONTH_WORD.exec(old.text);
    const numbers = name ? [day] : [month, day];
    const wanted = numbers.filter((n) => n !== null) as number[];
    if (runs.length !== wanted.length) return null;
    let text = old.text;
    // A date padded with zeros anywhere (2021-12-08, 03/08) is padded throughout (2022-01-08).
    const padded = runs.some((r) => r[0].length > 1 && r[0].startsWith('0'));
    // Right to left, so earlier offsets stay valid.
    for (let i = runs.length - 1; i >= 0; i--) {
      const r = runs[i];
      const digits = String(wanted[i]).padStart(padded ? r[0].length : 1, '0');
      let end = r.index + r[0].length;
      const suffix = /^(?:st|nd|rd|th)/.exec(text.slice(end));
      const tail = suffix ? ordinalSuffix(wanted[i]) : '';
      if (suffix) end += suffix[0].length;
      text = text.slice(0, r.index) + digits + tail + text.slice(end);
    }
    return name ? text.replace(MONTH_WORD, (_, word: string, period: string) => {
      const written = monthLike(word, month);
      // The period of an abbreviation goes with it (Sept. 1 → May 1, Mar. 18 → Jun. 18).
      return written + (ENGLISH_MONTH_ABBREVIATIONS.includes(written.toLowerCase()) ? period : '');
    }) : text;
  }
  if (old.written !== 'digits' || runs.length !== 1 || !['number', 'year', 'ordinal', 'percent', 'multiple', 'decade'].includes(old.kind)) return null;
  const run = runs[0];
  const written = Number(run[0].replace(/,/g, ''));
  // A scale word (12.6 million, 12.6万) multiplies the digits by a power of ten; any other kind is
  // read as its digits are written.
  const power = written === old.value ? 0 : Math.round(Math.log10(old.value / written));
  if (power !== 0 && (old.kind !== 'number' || Math.abs(written * 10 ** power - old.value) > 1e-9 * old.value)) return null;
  const value = Number((to.value / 10 ** power).toFixed(10));
  const toRun = to.text.match(DIGIT_RUN)?.[0];
  const asWritten = toRun !== undefined && Number(toRun.replace(/,/g, '')) === value;
  const decimals = asWritten ? (toRun.split('.')[1] ?? '').length : null;
  const group = run[0].includes(',') || (asWritten && toRun.includes(','));
  let end = run.index + run[0].length;
  const suffix = /^(?:st|nd|rd|th)/.exec(old.text.slice(end));
  if (suffix && !Number.isInteger(value)) return null;
  const tail = suffix ? ordinalSuffix(value) : '';
  if (suffix) end += suffix[0].length;
  return old.text.slice(0, run.index) + formatNumber(value, decimals, group) + tail + old.text.slice(end);
}

/**
 * Carry the numbers, dates and Latin names in which `query` differs from a TM hit's source
 * `hitSource` into the hit's target `hitTarget` (module comment for the rules). Languages are BCP
 * 47 tags (`isChinese` decides the number and name rules). Returns the target to use (`hitTarget`
 * itself when nothing was substituted), the substitutions (`targetSpan`s in that text, in text
 * order) and the differences left unresolved (in the query's order). Never throws.
 */
export function substitute(query: string, hitSource: string, hitTarget: string, sourceLang: LanguageTag, targetLang: LanguageTag): AutoTranslation {
  const q = placeables(query, sourceLang);
  const h = placeables(hitSource, sourceLang);
  if (!sameShape(query, q, hitSource, h)) {
    const mentions = (ps: Placeable[]) => ps.flatMap((p) => (p.mention ? [p.mention] : []));
    const numbers = unmatchedNumbers(mentions(q), mentions(h));
    const tokens = (ps: Placeable[]) => ps.filter((p) => p.kind === 'technical');
    const byStart = (a: Span, b: Span) => a.start - b.start;
    const left = {
      source: [...numbers.source, ...unmatchedTexts(tokens(q), tokens(h))].sort(byStart),
      target: [...numbers.target, ...unmatchedTexts(tokens(h), tokens(q))].sort(byStart),
    };
    const unresolved: Unresolved[] = [];
    for (let i = 0; i < Math.max(left.source.length, left.target.length); i++) {
      unresolved.push({ from: left.target[i]?.text ?? null, to: left.source[i]?.text ?? null, reason: 'words differ' });
    }
    return { text: hitTarget, substitutions: [], unresolved };
  }
  const targetTokens = technicalTokens(hitTarget);
  const inTarget = groupBy(numbersOutside(hitTarget, targetTokens, targetLang), (m) => `${numberClass(m.kind)}:${m.value}`);
  const tokensInTarget = groupBy(targetTokens, (r) => `technical:${hitTarget.slice(r.start, r.end)}`);
  const inHit = groupBy(h, valueKey);
  const nameSpans = nameFinder(hitTarget);
  const planned: { at: Span; text: string; pair: [Placeable, Placeable] }[] = [];
  const unresolved: Unresolved[] = [];
  q.forEach((to, i) => {
    const from = h[i];
    const key = valueKey(from);
    if (valueKey(to) === key) return;
    const unresolve = (reason: UnresolvedReason) => unresolved.push({ from: from.text, to: to.text, reason });
    if (inHit.get(key)!.length !== 1) return unresolve('ambiguous');
    if (from.kind === 'name') {
      const spans = nameSpans(from.text);
      if (spans.length !== 1) return unresolve(spans.length === 0 ? 'not in target' : 'ambiguous');
      planned.push({ at: spans[0], text: to.text, pair: [from, to] });
      return;
    }
    if (from.kind === 'technical') {
      const spans = tokensInTarget.get(key) ?? [];
      if (spans.length !== 1) return unresolve(spans.length === 0 ? 'not in target' : 'ambiguous');
      planned.push({ at: spans[0], text: to.text, pair: [from, to] });
      return;
    }
    const found = inTarget.get(key) ?? [];
    if (found.length !== 1) return unresolve(found.length === 0 ? 'not in target' : 'ambiguous');
    const text = rewrite(found[0], to.mention!);
    if (text === null) return unresolve('cannot write');
    planned.push({ at: found[0], text, pair: [from, to] });
  });
  planned.sort((a, b) => a.at.start - b.at.start);
  let text = '';
  let at = 0;
  const substitutions: Substitution[] = [];
  for (const p of planned) {
    const [from, to] = p.pair;
    if (p.at.start < at) {
      // A name inside a number's rendering (or the reverse): one target span cannot take both.
      unresolved.push({ from: from.text, to: to.text, reason: 'ambiguous' });
      continue;
    }
    text += hitTarget.slice(at, p.at.start);
    substitutions.push({ kind: from.kind, from: from.text, to: to.text, sourceSpan: { start: to.start, end: to.end }, targetSpan: { start: text.length, end: text.length + p.text.length } });
    text += p.text;
    at = p.at.end;
  }
  text += hitTarget.slice(at);
  return { text, substitutions, unresolved };
}

/**
 * What a draft says after a fuzzy hit's score about its numbers (and names and technical tokens:
 * each one value, so 1.2.0 → 2.0.1 is one pair, never its parts): `numbers substituted` when
 * something was substituted, `numbers differ: 14 → 16, ? → 24` naming the unresolved pairs (`?`
 * where one side has no number), both joined by `; `; null when there is nothing to say.
 */
export function numbersNote(auto: AutoTranslation): string | null {
  const parts: string[] = [];
  if (auto.substitutions.length > 0) parts.push('numbers substituted');
  if (auto.unresolved.length > 0) parts.push(`numbers differ: ${auto.unresolved.map((u) => `${u.from ?? '?'} → ${u.to ?? '?'}`).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : null;
}
