/**
 * Technical tokens inside prose: the parts of a text that are written alike in every language and
 * are not translated — URLs and e-mail addresses, version strings, identifiers that mix letters and
 * digits, inline math, HTML tags and the Markdown extensions `read` keeps as text (heading ids,
 * `:::` containers, MkDocs admonitions and tabs, a list number typed into a paragraph).
 *
 * `check` blanks them before it reads numbers and names (`pipeline/check/check.ts`), so that
 * `GB2312`, `UTF-8`, `IE9/10`, `#eb2f96`, `3.9.0`, `$1$` or `{#when-to-use}` are neither numbers
 * nor names to look for on the other side. A date written in digits (`2022.1.8`, `numericDates`)
 * is not a version: it stays prose. Pure functions; offsets are UTF-16 code units.
 */
import { numericDates } from './numbers.ts';

/**
 * The markup patterns of `technicalRanges`, tried first (an earlier match wins where two overlap).
 * Each is global and matched with `matchAll` (which copies it, so no shared `lastIndex`).
 */
const MARKUP: readonly RegExp[] = [
  // Markdown kept as text by `read`: heading ids {#id}, container fences `:::name{…}`,
  // MkDocs admonitions `!!! tip "…"` and tabs `=== "Python"`, a list number typed at a line start.
  /\{#[\w-]+\}/gu,
  /^[ \t]*:{3,}[\w-]*(?:\{[^}\n]*\})?/gmu,
  /^[ \t]*(?:!!!|\?\?\?\+?|===)[ \t]*(?:[\w-]+)?(?:[ \t]*"[^"\n]*")?/gmu,
  /^[ \t]*\d{1,3}[.、．)）](?=[ \t]*[^\s\d])/gmu,
  // HTML tags and inline math ($…$ with no space inside its dollars, so "$5 and $10" is prose).
  /<\/?[A-Za-z][\w-]*(?:\s[^<>\n]*)?\/?>/gu,
  /\$(?=\S)[^$\n]*\S\$|\$\S\$/gu,
];

/** The token patterns of `technicalRanges`, tried after `MARKUP`; sentence punctuation after a token is prose. */
const TOKENS: readonly RegExp[] = [
  // URLs and e-mail addresses: up to white space, a bracket or CJK punctuation.
  // Both start only where a scheme or name can start (not inside a word or after a dot): from every
  // position of a long word or dotted run they would be quadratic.
  /(?<![\w+.-])(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>()（）「」《》，。；！？、]+/giu,
  /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu,
  // Versions: 3.9.0, 6.x, v1.2, @ant-design/icons@4.1.0 (three or more parts, an x part or a v).
  // A date in digits outside a URL (2022.1.8, `numericDates`) has a version's shape but is prose,
  // read as a date by numbers.ts: `technicalRanges` keeps it from this pattern and the next.
  /(?<![\w.])v?\d+(?:\.\d+){2,}(?:[-+][\w.]+)?|(?<![\w.])v?\d+(?:\.(?:\d+|x))*\.x\b|(?<![\w.])v\d+(?:\.\d+)+/gu,
  // Identifiers mixing letters and digits, starting with a letter, `_`, `#` or `@`: IE9, GB2312,
  // UTF-8, Web3, E6F4FF, #eb2f96, option1, @types/antd@4 (a token that starts with a digit — 21st,
  // 1960s, 16px — stays a number, and so does a price, $5).
  /(?<![\w$#@.\/-])[A-Za-z_#@][\w$#@.\/-]*\d[\w$#@.\/-]*/gu,
];

/** The first `TOKENS` pattern a date in digits is kept from (the versions). */
const FIRST_DATE_SHAPED = TOKENS[2];

/** A technical span: `markup` (a `MARKUP` pattern: tags, math, Markdown kept as text) or `token` (a URL, e-mail address, version or identifier). */
export interface TechnicalRange {
  start: number;
  end: number;
  kind: 'markup' | 'token';
}

/**
 * The technical spans of `text` (see the module comment), sorted, not overlapping, each
 * `{ start, end, kind }` in UTF-16 code units (`end` exclusive). Never throws.
 */
export function technicalRanges(text: string): TechnicalRange[] {
  const taken = new Uint8Array(text.length);
  const ranges: TechnicalRange[] = [];
  const free = (start: number, end: number) => !taken.subarray(start, end).some((t) => t === 1);
  for (const pattern of [...MARKUP, ...TOKENS]) {
    if (pattern === FIRST_DATE_SHAPED) for (const d of numericDates(text)) if (free(d.start, d.end)) taken.fill(1, d.start, d.end);
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const kind = TOKENS.includes(pattern) ? 'token' : 'markup';
      const end = start + (kind === 'token' ? m[0].replace(/[.,;:!?)\]]+$/u, '') : m[0]).length;
      if (end <= start || !free(start, end)) continue;
      taken.fill(1, start, end);
      ranges.push({ start, end, kind });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * `text` with the given ranges (default: its `technicalRanges`) replaced by spaces, one space per
 * code unit, so offsets into the result are offsets into `text`.
 */
export function blankRanges(text: string, ranges: readonly { start: number; end: number }[] = technicalRanges(text)): string {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    out += text.slice(at, r.start) + ' '.repeat(r.end - r.start);
    at = r.end;
  }
  return out + text.slice(at);
}
