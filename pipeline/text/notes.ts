/**
 * Blocks a translation often has on one side only: translator's and editor's notes, bylines and
 * end markers. The aligner keeps them out of other blocks' links (`StructureScorer` in
 * `pipeline/align/scorer.ts`) and `check` does not report them as untranslated
 * (`pipeline/check/check.ts`).
 */

/** A note's label: translator's or editor's note, in either language (译者注, 译注, 编者按, 编者注, 编注). */
const NOTE_LABEL = /(?:译者?注|编者[按注]|编注|(?:translator|editor)(?:'|’)?s?(?:'|’)?\s+note|\bnote\s+(?:from|by)\s+the\s+(?:translator|editor))/iu;
/** A note that begins with its label, after an optional opening bracket. */
const LEADING_NOTE = new RegExp(`^[\\s(（\\[【〔]*${NOTE_LABEL.source}`, 'iu');
/** A block that opens with a bracket and ends with a closing one, e.g. （本段为编者注。）. */
const BRACKETED = /^\s*[(（\[【〔][^]*[)）\]】〕]\s*$/u;
/** A Chinese byline: 记者, 通讯员, 作者 or 文, a space, colon or slash, then the name. */
const CHINESE_BYLINE = /^[\s(（【]*(?:本报|新华社)?(?:记者|通讯员|作者|文)\s*[\s:：/／|｜]\s*\S/u;
/** An English byline: "By" and capitalised names only ("By Jane Doe and John Roe"). */
const ENGLISH_BYLINE = /^\s*By\s+\p{Lu}[\p{L}.'’-]*(?:(?:\s+|,\s*|\s+and\s+)\p{Lu}[\p{L}.'’-]*)*\s*$/u;
/** An end marker: 完, End or The End, bracketed, alone in its block. */
const END_MARKER = /^\s*[(（\[【〔]\s*(?:完|全文完|end|the\s+end)\s*[)）\]】〕]\s*$/iu;
/** Bylines are short: a longer block starting "By …" is prose. */
const BYLINE_LENGTH = 60;

/**
 * Whether a block (its text, as read) is a translator's or editor's note ("(Translator's note: …)",
 * "Translator's note:", "Editor's note", 译者注, 译注, 编者按, 编者注 — at the start, or anywhere in a
 * block wholly in brackets such as （本段为编者注。）), a byline (记者 张三, 作者：…, "By Jane Doe",
 * at most 60 characters) or an end marker (（完）(完)【完】(End) [The End]). Pure; never throws.
 */
export function isNoteBlock(text: string): boolean {
  if (END_MARKER.test(text) || LEADING_NOTE.test(text)) return true;
  if (BRACKETED.test(text) && NOTE_LABEL.test(text)) return true;
  return [...text.trim()].length <= BYLINE_LENGTH && (CHINESE_BYLINE.test(text) || ENGLISH_BYLINE.test(text));
}
