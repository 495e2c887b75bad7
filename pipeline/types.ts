/**
 * Types of the data that flows between Bitext's stages:
 * read → segment → align → memory / check / diff → publish.
 * Every stage imports its input and output shapes from here and nowhere else.
 *
 * Offsets and lengths are in UTF-16 code units of the string they index unless a
 * field says otherwise. Language tags are BCP 47 (`zh-Hans`, `zh-Hant`, `en`).
 */
import type { PhrasingContent } from 'mdast';

/** A BCP 47 language tag such as `zh-Hans`, `zh-Hant` or `en`. */
export type LanguageTag = string;

/** What a block is in its document. `caption` is a paragraph made only of emphasis (a photo caption). */
export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'caption'
  | 'quote'
  | 'listItem'
  | 'tableRow'
  | 'code';

/** Where a block starts and ends in its source file (1-based lines and columns, as unist). */
export interface SourcePosition {
  /** Source file path as given to `read` (for error messages). */
  file?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * One unit of a document: a heading, paragraph, caption, quote paragraph, list item…
 * `text` is the plain text of `mdast` as produced by `inlineText` in `pipeline/inline.ts`
 * (a hard `break` becomes "\n"); segment offsets index into it.
 */
export interface Block {
  /** 0-based position of the block in its document (the id used in `.align` files). */
  index: number;
  kind: BlockKind;
  /** Heading depth 1–6 for `heading`, list depth from 1 for `listItem`; absent otherwise. */
  depth?: number;
  /** For a `listItem`: the list's kind (`start` is the first number of an ordered list), whether it
   * is loose (`spread`: blank lines between items), the item's 0-based position in its list, and
   * whether this block opens the item (an item may hold several paragraphs). */
  list?: { ordered: boolean; start: number; spread: boolean; item: number; firstOfItem: boolean };
  /** For a `tableRow`: its row number in the table (0 = header row), the number of cells, each
   * cell's range in `text` (UTF-16 offsets, end exclusive) and the table's column alignment. */
  table?: { row: number; cells: number; ranges: { start: number; end: number }[]; align: ('left' | 'right' | 'center' | null)[] };
  /** Plain text (`inlineText(mdast)`): no BOM, no CR; a hard break is "\n". */
  text: string;
  /** The inline Markdown nodes (emphasis, strong, links, inline code, breaks…) whose text is `text`. */
  mdast: PhrasingContent[];
  position: SourcePosition;
}

/** A sentence inside a block. `start`/`end` are UTF-16 offsets into `block.text` (`end` exclusive). */
export interface Segment {
  /** Index of the block (in the same document) that holds this segment. */
  block: number;
  /** 0-based position of the segment in the whole document (the id used in sentence `.align` files). */
  index: number;
  text: string;
  start: number;
  end: number;
}

/** A document after read and segment: its language, blocks and sentences. */
export interface Document {
  /** Path of the file it was read from (for messages), or a name. */
  file: string;
  lang: LanguageTag;
  blocks: Block[];
  /** All segments of all blocks, in document order; `segments[k].index === k`. */
  segments: Segment[];
}

/**
 * A link ("bead") between source and target units. `source` and `target` hold 0-based ids
 * (block ids for block links, document-wide segment ids for segment links), ascending and
 * contiguous; `[]` on one side is a 1-0 or 0-1 link. `score` is a confidence in [0, 1]
 * (1 = certain); see `pipeline/align` for how it is computed.
 */
export interface Link {
  source: number[];
  target: number[];
  score: number;
}

/** An aligned document pair. `segmentLinks[k]` are the sentence links inside `blockLinks[k]`. */
export interface Bitext {
  /** Document name (the folder name under `source/`), used as the TM origin. */
  doc: string;
  sourceLang: LanguageTag;
  targetLang: LanguageTag;
  source: Block[];
  target: Block[];
  sourceSegments: Segment[];
  targetSegments: Segment[];
  blockLinks: Link[];
  segmentLinks: Link[][];
}

/** Where a translation unit came from: a document and a link id such as `b6` (block link 6) or `b6s2`. */
export interface UnitOrigin {
  doc: string;
  link: string;
}

/** One source/target pair in the translation memory. Dates are ISO 8601 UTC strings. */
export interface TranslationUnit {
  source: string;
  target: string;
  sourceLang: LanguageTag;
  targetLang: LanguageTag;
  origin: UnitOrigin | null;
  /** Alignment score in [0, 1] for aligned units; null for imported ones. */
  score: number | null;
  created: string;
  changed: string;
  usage: number;
}
