/**
 * Characters: full-width folding, Han and CJK detection, and trimming white space off a range.
 * Offsets are UTF-16 code units; every folding maps one code unit to one, so offsets survive it.
 */

/** Full-width ASCII forms U+FF01–U+FF5E and the ideographic space U+3000. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
/** Full-width digits U+FF10–U+FF19. */
const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;

/**
 * Fold full-width forms to ASCII: U+FF01–U+FF5E to U+0021–U+007E (Unicode's Halfwidth and
 * Fullwidth Forms block repeats ASCII 0xFEE0 higher) and the ideographic space U+3000 to a space.
 * `which`, a global regular expression matching single characters of that set, limits what is
 * folded (default: all of it). Returns `text` itself when there is nothing to fold.
 */
export function foldWidth(text: string, which: RegExp = FULL_WIDTH): string {
  // `search` ignores the expression's `lastIndex`, so a shared global expression is safe here.
  if (text.search(which) < 0) return text;
  return text.replace(which, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Fold full-width digits U+FF10–U+FF19 to ASCII 0–9 and nothing else (`foldWidth` limited to digits). */
export function foldDigits(text: string): string {
  return foldWidth(text, FULL_WIDTH_DIGITS);
}

/** One Han character: Unicode `Script=Han` (the CJK ideograph blocks and extensions, 〇, 々, radicals). */
const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
const HAN_RUN = /\p{Script=Han}+/gu;

/** True when `char` (a string; its first code point is tested) is a Han character (`Script=Han`). */
export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** The Han characters (`Script=Han`) of `text`, in order, one string per character. */
export function hanCharacters(text: string): string[] {
  return text.match(HAN_GLOBAL) ?? [];
}

/** The runs of consecutive Han characters (`Script=Han`) of `text`, with their UTF-16 `index`. */
export function hanRuns(text: string): IterableIterator<RegExpExecArray> {
  return text.matchAll(HAN_RUN);
}

/**
 * True for a code point written as one word-like unit in CJK text: Han ideographs (URO,
 * extension A, compatibility ideographs, planes 2–3), radicals, 々 and 〇, kana (with half-width
 * katakana), Bopomofo and Hangul syllables. Code point ranges rather than Unicode scripts, because
 * the translation memory stores tokens made by this test (`pipeline/memory/text.ts`): kana marks
 * such as ー and ・ (script Common) must stay CJK tokens.
 */
export function isCjkCodePoint(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3100 && cp <= 0x312f) ||
    (cp >= 0x31a0 && cp <= 0x31ff) ||
    cp === 0x3005 ||
    cp === 0x3007 ||
    (cp >= 0x2e80 && cp <= 0x2fdf) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff66 && cp <= 0xff9f) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

/**
 * The range `[start, end)` of `text` without the white space (`\s`) at either end, or null when
 * nothing but white space is left.
 */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? { start, end } : null;
}
