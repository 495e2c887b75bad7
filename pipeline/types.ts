/**
 * The vocabulary of Bitext: every shape that crosses a stage boundary
 * (read → segment → align → memory / check / diff → publish), and nothing else.
 * A stage imports its input and output shapes from here; shapes private to a stage stay there.
 *
 * Offsets and lengths are in UTF-16 code units of the string they index unless a field says
 * otherwise. Language tags are BCP 47 (`zh-Hans`, `zh-Hant`, `en`).
 */
import type { PhrasingContent } from 'mdast';

// ------------------------------------------------------------------ languages and ids

/** A BCP 47 language tag such as `zh-Hans`, `zh-Hant` or `en`. */
export type LanguageTag = string;

/** The two sides of a bitext: `source` is the Chinese original, `target` the English translation. */
export type Side = 'source' | 'target';

/** Both sides of a bitext: `{ source, target }`. */
export type BySide<T> = Record<Side, T>;

/** 0-based position of a block in its document (the id of block `.align` files). */
export type BlockId = number & { readonly __kind: 'BlockId' };

/** 0-based position of a sentence (segment) in its whole document (the id of sentence `.align` files). */
export type SentenceId = number & { readonly __kind: 'SentenceId' };

/** `n` as a block id (no check: ids are positions). */
export const blockId = (n: number): BlockId => n as BlockId;

/** `n` as a sentence id (no check: ids are positions). */
export const sentenceId = (n: number): SentenceId => n as SentenceId;

/**
 * The id of a link within its bitext, as the translation memory records it as an origin and the
 * edition as an element id: `b6` is block link 6, `b6s2` the third sentence link inside it.
 */
export type LinkId = `b${number}` | `b${number}s${number}`;

/** The id of block link `block`, or of sentence link `sentence` inside it (see `LinkId`). */
export function linkId(block: number, sentence?: number): LinkId {
  return sentence === undefined ? `b${block}` : `b${block}s${sentence}`;
}

/** `b6` → `{ block: 6 }`, `b6s2` → `{ block: 6, sentence: 2 }`; null for anything else. */
export function parseLinkId(id: string): { block: number; sentence?: number } | null {
  const m = /^b(\d+)(?:s(\d+))?$/.exec(id);
  if (!m) return null;
  return m[2] === undefined ? { block: Number(m[1]) } : { block: Number(m[1]), sentence: Number(m[2]) };
}

// ------------------------------------------------------------------ read and segment

/** What a block is in its document. `caption` is a paragraph made only of emphasis (a photo caption);
 * `html` a raw HTML block with text (`Block.html`). */
export type BlockKind = 'heading' | 'paragraph' | 'caption' | 'quote' | 'listItem' | 'tableRow' | 'code' | 'image' | 'html';

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
 * `text` is the plain text of `mdast` as produced by `inlineText` in `pipeline/read/inline.ts`
 * (a hard `break` becomes "\n"); segment offsets index into it.
 */
export interface Block {
  /** The block's position in its document. */
  index: BlockId;
  kind: BlockKind;
  /** Heading depth 1–6 for `heading`, list depth from 1 for `listItem`; absent otherwise. */
  depth?: number;
  /** For a `listItem`: the list's kind (`start` is the first number of an ordered list), whether it
   * is loose (`spread`: blank lines between items), the item's 0-based position in its list, and
   * whether this block opens the item (an item may hold several paragraphs). */
  list?: { ordered: boolean; start: number; spread: boolean; item: number; firstOfItem: boolean };
  /** For a `tableRow`: its row number in the table (0 = header row), the number of cells, each
   * cell's range in `text` (UTF-16 offsets, end exclusive) and the table's column alignment. */
  table?: { row: number; cells: number; ranges: TextRange[]; align: ('left' | 'right' | 'center' | null)[] };
  /** Plain text (`inlineText(mdast)`): no BOM, no CR; a hard break is "\n". For an `image`, whose
   * images have no inline text, the alt texts joined by a space (the URLs when no image has one). */
  text: string;
  /** For an `image`: the URLs of its images, joined by a space (what identifies it across languages). */
  src?: string;
  /** For a raw HTML block (kind `html`, or `image` when it holds images and no text): its markup as
   * written, which the edition shows sanitised (pipeline/text/html.ts); `text` is what it reads as. */
  html?: string;
  /** For a `code` block: the language of its info string (`js` of ```` ```js ````), absent when none. */
  codeLang?: string;
  /** For the first block of a footnote definition (`[^1]: …`): the footnote's identifier (`1`). */
  footnote?: string;
  /** For a `heading`: the id its Markdown gives it (`## Title {#title}`), not part of `text`. */
  anchor?: string;
  /** The `:::` container (remark-directive) holding the block: its name (`info`) and its title
   * (`{title=…}` attribute or `[label]`), shown around the block, not part of `text`. */
  container?: { name: string; title?: string };
  /** The inline Markdown nodes (emphasis, strong, links, inline code, breaks…) whose text is `text`. */
  mdast: PhrasingContent[];
  position: SourcePosition;
}

/** A range of a string in UTF-16 code units, `end` exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** A sentence inside a block. `start`/`end` are UTF-16 offsets into `block.text` (`end` exclusive). */
export interface Segment extends TextRange {
  /** The block (in the same document) that holds this segment. */
  block: BlockId;
  /** The segment's position in the whole document. */
  index: SentenceId;
  text: string;
}

/** Metadata from a document's front matter (pipeline/read/frontmatter.ts); never part of its text. */
export interface DocumentMeta {
  title?: string;
  date?: string;
  author?: string;
}

/** A document after read and segment: its language, blocks and sentences. */
export interface Document {
  /** Path of the file it was read from (for messages), or a name. */
  file: string;
  lang: LanguageTag;
  blocks: Block[];
  /** All segments of all blocks, in document order; `segments[k].index === k`. */
  segments: Segment[];
  /** Front matter fields, when the file has front matter with any of them. */
  meta?: DocumentMeta;
}

// ------------------------------------------------------------------ align

/**
 * A link ("bead") between source and target units: ids ascending and contiguous, `[]` on one side
 * for a 1-0 or 0-1 link. `score` is a confidence in [0, 1] (1 = certain; 0 for 1-0 and 0-1);
 * see `pipeline/align` for how it is computed.
 */
export interface Link<Id extends number = number> {
  source: Id[];
  target: Id[];
  score: number;
}

/** A link between sentences of the two documents (document-wide sentence ids). */
export type SentenceLink = Link<SentenceId>;

/** A link between blocks of the two documents, with the sentence links inside it, in order. */
export interface BlockLink extends Link<BlockId> {
  /** Every sentence of the link's blocks is in exactly one of these (1-0 / 0-1 when the other side is empty). */
  sentences: SentenceLink[];
  /** Set when the link pairs a block the translator likely moved elsewhere (`Bitext.moves`): it needs review. */
  moved?: true;
  /** Set when an editor fixed the link by hand (a correction, pipeline/align/corrections.ts): confirmed, score 1. */
  corrected?: true;
}

/**
 * A section the translator likely moved (zh A B C D, en A C D B): consecutive Chinese blocks
 * whose translation, by lexical evidence, is consecutive English blocks on the other side of the
 * alignment's path (found by `detectMoves`, pipeline/align/moves.ts).
 */
export interface MovedSection {
  /** The Chinese blocks, ascending and consecutive, and the English blocks holding their translation, one for each. */
  source: BlockId[];
  target: BlockId[];
  /** Positions in `Bitext.links` of the links that pair these blocks elsewhere (marked `moved`). */
  links: number[];
  /** Mean lexical similarity in [0, 1] of each Chinese block with its English block (1 for blocks written alike). */
  evidence: number;
}

/** An aligned document pair: the Chinese `source`, the English `target`, and the block links covering both in order. */
export interface Bitext {
  /** Document name (the folder name under `source/`), used as the TM origin. */
  doc: string;
  source: Document;
  target: Document;
  links: BlockLink[];
  /** Sections the translator likely moved (`detectMoves`); absent or empty when none. */
  moves?: MovedSection[];
}

/** The alignment as written to `alignment.json` (layout version `version`; a file format, kept as it is on disk). */
export interface AlignmentJson {
  version: number;
  doc: string;
  sourceLang: LanguageTag;
  targetLang: LanguageTag;
  /** Each language's blocks, keyed by its tag. */
  blocks: Record<string, { index: number; kind: string; text: string }[]>;
  /** `corrected` on a link an editor fixed by hand (absent otherwise). */
  links: { source: number[]; target: number[]; score: number; corrected?: true; segments: { source: number[]; target: number[]; score: number }[] }[];
  /** Each language's sentences, keyed by its tag. */
  segments: Record<string, { index: number; block: number; text: string }[]>;
}

// ------------------------------------------------------------------ memory

/** Where a translation unit came from: a document and a link id (`b6`, `b6s2`). */
export interface UnitOrigin {
  doc: string;
  link: string;
}

/**
 * One source/target pair in the translation memory, as stored, imported and exported.
 * Dates are ISO 8601 UTC strings.
 */
export interface TranslationUnit {
  /** Row id in the memory that holds it; absent before it is stored. */
  id?: number;
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
  /** TMX inline markup of each side (`<seg>` content) when it had inline codes, else null/absent. */
  sourceMarkup?: string | null;
  targetMarkup?: string | null;
  /** Tools that created and last changed the unit (TMX `creationtool` / `changeid`…). */
  creationTool?: string | null;
  changeTool?: string | null;
}

/** A match band name (memoQ's bands); `101` is a context match. */
export type MatchBand = '101' | '100' | '95-99' | '85-94' | '75-84' | '50-74' | 'no match';

/** One translation-memory hit, oriented as the query asked (source side in the query's language). */
export interface LookupHit {
  id: number;
  source: string;
  target: string;
  sourceLang: LanguageTag;
  targetLang: LanguageTag;
  /** 0–100 (see `pipeline/memory/score.ts`). */
  score: number;
  band: MatchBand;
  origin: UnitOrigin | null;
  usage: number;
}

/** Segments and characters (non-whitespace code points of the source) in one band. */
export interface BandCount {
  band: MatchBand;
  segments: number;
  characters: number;
}

/** The leverage report of a pretranslation: one row per band (best first, every band present) and the totals. */
export interface LeverageReport {
  doc: string;
  sourceLang: LanguageTag;
  targetLang: LanguageTag;
  bands: BandCount[];
  total: { segments: number; characters: number };
}

// ------------------------------------------------------------------ check

/** How serious a finding is: errors fail `bitext check`, warnings count against `--max-warnings`. */
export type FindingLevel = 'error' | 'warning' | 'info';

/** One QA finding about a block link (and the sentences it names, when it is about sentences). */
export interface Finding {
  level: FindingLevel;
  /** Stable machine-readable kind (see the table in `pipeline/check/check.ts`). */
  code: string;
  doc: string;
  /** Position of the block link in `Bitext.links`. */
  link: number;
  sourceBlocks: BlockId[];
  targetBlocks: BlockId[];
  /** Sentence ids the finding is about, when it is about sentences. */
  sourceSegments?: SentenceId[];
  targetSegments?: SentenceId[];
  /** Source (Chinese) and target (English) text concerned: the sentences if given, else the blocks, joined by "\n". */
  source: string;
  target: string;
  /** One-line explanation in English. */
  message: string;
}

// ------------------------------------------------------------------ diff

/** One piece of a text diff: unchanged, added or removed text. */
export interface TextPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** The text change of one side inside a group of links. */
export interface TextChange {
  side: Side;
  lang: LanguageTag;
  old: string;
  new: string;
  parts: TextPart[];
}

/** A group of old and new block links that changed together. Link numbers are positions in `Bitext.links`. */
export interface LinkChange {
  kind: 'added' | 'removed' | 'changed' | 're-paired';
  old: { links: number[]; pairs: string[] };
  new: { links: number[]; pairs: string[] };
  /** Text changes of the group (empty when only the pairing changed). */
  changes: TextChange[];
}

/** A translation unit of the old revision that the new one no longer supports. */
export interface StaleUnit {
  origin: UnitOrigin;
  source: string;
  target: string;
}

/** Everything a diff of two revisions of a document pair found. */
export interface AlignmentDiff {
  doc: string;
  sourceLang: LanguageTag;
  targetLang: LanguageTag;
  oldLabel: string;
  newLabel: string;
  changes: LinkChange[];
  /** Block links found unchanged (same texts, same pairing). */
  unchanged: number;
  counts: Record<LinkChange['kind'], number>;
  staleUnits: StaleUnit[];
  /** TM units the new revision adds (pairs the old did not have). */
  newUnits: number;
}
