/**
 * align — the door of the alignment stage: block and sentence links between a Chinese document
 * and its English translation (`align.ts`), paragraph-per-line sides split to match (`granularity.ts`), sections the translator moved (`moves.ts`), document pairs on disk (`pairs.ts`) and the corrections beside them (`corrections.ts`), the `.align` and
 * `alignment.json` formats (`formats.ts`) and their evaluation against gold links (`eval.ts`).
 */
export * from './align.ts';
export * from './granularity.ts';
export * from './moves.ts';
export * from './pairs.ts';
export * from './corrections.ts';
export * from './formats.ts';
export * from './eval.ts';
// The Chinese dictionary and its word segmentation, which publish uses to convert scripts word by word.
export { loadLexicon, type Lexicon } from './lexicon/cedict.ts';
export { segmentChinese, type ChineseWords } from './lexicon/chinese.ts';
// The alignment.json shape lives in pipeline/types.ts; re-exported for callers of this door.
export type { AlignmentJson } from '../types.ts';
