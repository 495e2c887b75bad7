/**
 * The Markdown draft of a pretranslation, in the source document's structure: headings keep
 * their depth, list items stay in their lists (ordered lists numbered from their start number,
 * tight lists tight, nested lists nested), table rows stay GFM tables (header row, delimiter row,
 * body rows, column alignment), code blocks stay code, quotes stay quotes.
 *
 * Each segment is written as: an exact hit (score ≥ 100) → the target text; a fuzzy hit →
 * `[fuzzy NN%] ` + target, or `[fuzzy NN%, <note>] ` when the segment has a note (what
 * pipeline/memory/autotranslate.ts did to its numbers: `numbersNote`); no hit → `[no match] ` + the source segment with its inline Markdown
 * (emphasis, strong, code, links… cut at the segment's offsets by `sliceInline`). Segments of one
 * block are joined by a space, or by nothing when the target language is written without spaces.
 * In a table row each cell gets the part of every segment that lies in it (a segment crossing a
 * cell boundary is cut there; its target is shared out at " | " when it has one part per cell,
 * else put whole in the first cell). A code block is written as code: the target of an exact hit,
 * else the source code unchanged (a marker would corrupt it). An image block is written as the
 * source has it (its alt text is not translated).
 *
 * The tree is serialised with remark-stringify and the syntax `read` parses with (`markdownSyntax`),
 * so what is written reads back to the same structure (the serialiser does the escaping of target
 * text).
 */
import { unified } from 'unified';
import remarkStringify from 'remark-stringify';
import type { BlockContent, Heading, List, ListItem, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Block, BlockId, Document, LanguageTag } from '../types.ts';
import { markdownSyntax, sliceInline } from '../read/index.ts';
import { sentencesByBlock } from '../segment/index.ts';
import { joinsWithoutSpace, trimRange } from '../text/index.ts';

/** What the draft needs of one pretranslated segment. `score` 101 is a context match; null: no hit. */
export interface DraftPiece {
  block: BlockId;
  /** UTF-16 offsets of the segment in its block's `text`. */
  start: number;
  end: number;
  source: string;
  target: string | null;
  score: number | null;
  /** Said after a fuzzy hit's score in its marker (`numbers substituted`); absent or null: nothing. */
  note?: string | null;
}

const writer = unified()
  .use(markdownSyntax({ tablePipeAlign: false }))
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    fences: true,
    listItemIndent: 'one',
    incrementListMarker: true,
    // The `[no match]` / `[fuzzy NN%]` markers are written as they are: escaped (`\[no match]`)
    // they would read the same but clutter the draft. Without a matching definition CommonMark
    // reads `[no match]` as text.
    handlers: { draftMarker: (node: { value: string }) => node.value } as never,
  });

/** The marker before a segment (module comment) as a node written verbatim; null for an exact hit. */
function marker(score: number | null, note: string | null | undefined): PhrasingContent | null {
  const value = score === null ? '[no match] ' : score >= 100 ? '' : `[fuzzy ${score}%${note ? `, ${note}` : ''}] `;
  return value ? ({ type: 'draftMarker', value } as unknown as PhrasingContent) : null;
}

/**
 * Inline nodes for one segment, or its part `[start, end)` of the block text in a table cell:
 * marker, then `target` (emphasised in a caption), or when there is no hit (`target` null) the
 * source inline nodes of that range.
 */
function piece(block: Block, seg: DraftPiece, start: number, end: number, target: string | null, caption: boolean): PhrasingContent[] {
  const mark = marker(target === null ? null : seg.score, seg.note);
  const body: PhrasingContent[] = target === null
    ? sliceInline(block.mdast, start, end)
    : caption ? [{ type: 'emphasis', children: [{ type: 'text', value: target }] }] : [{ type: 'text', value: target }];
  return mark ? [mark, ...body] : body;
}

function joined(parts: PhrasingContent[][], space: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  parts.forEach((p, i) => {
    if (i > 0 && space) out.push({ type: 'text', value: space });
    out.push(...p);
  });
  return out;
}

/** A table-row block as an mdast row: each cell gets the parts of segments inside it (module comment). */
function tableRow(block: Block, segs: readonly DraftPiece[], space: string): TableRow {
  // The reader records each cell's range (an escaped `\|` inside a cell is no separator).
  const ranges = block.table?.ranges ?? [{ start: 0, end: block.text.length }];
  const cells = ranges.map(() => [] as PhrasingContent[][]);
  for (const seg of segs) {
    const spanned = ranges
      .map((r, i) => ({ i, range: trimRange(block.text, Math.max(seg.start, r.start), Math.min(seg.end, r.end)) }))
      .filter((c): c is { i: number; range: { start: number; end: number } } => c.range !== null);
    const parts = seg.target === null ? [] : seg.target.split(' | ');
    spanned.forEach(({ i, range }, k) => {
      if (seg.target === null) cells[i].push(piece(block, seg, range.start, range.end, null, false));
      else if (spanned.length === 1) cells[i].push(piece(block, seg, range.start, range.end, seg.target, false));
      else if (parts.length === spanned.length) cells[i].push(piece(block, seg, range.start, range.end, parts[k], false));
      else if (k === 0) cells[i].push(piece(block, seg, range.start, range.end, seg.target, false)); // whole target in the first cell
    });
  }
  return { type: 'tableRow', children: cells.map((parts): TableCell => ({ type: 'tableCell', children: joined(parts, space) })) };
}

/**
 * The Markdown draft of pretranslated segments in `document`'s structure (module comment).
 * `segments` carry block index and UTF-16 offsets into the block text; blocks without segments
 * are left out. Returns Markdown ending with one newline.
 */
export function draftMarkdown(document: Document, segments: readonly DraftPiece[], targetLang: LanguageTag): string {
  const byBlock = sentencesByBlock(segments, document.blocks.length);
  const space = joinsWithoutSpace(targetLang) ? '' : ' ';
  const root: Root = { type: 'root', children: [] };
  // Open lists by depth (index 0 = depth 1) and the table being filled.
  let lists: List[] = [];
  let table: Table | null = null;
  for (const block of document.blocks) {
    const segs = byBlock[block.index];
    if (segs.length === 0) continue;
    if (block.kind !== 'listItem') lists = [];
    if (block.kind !== 'tableRow') table = null;
    const phrasing = () => joined(segs.map((s) => piece(block, s, s.start, s.end, s.target, block.kind === 'caption')), space);
    switch (block.kind) {
      case 'heading':
        root.children.push({ type: 'heading', depth: Math.min(6, Math.max(1, block.depth ?? 1)) as Heading['depth'], children: phrasing() });
        break;
      case 'quote':
        root.children.push({ type: 'blockquote', children: [{ type: 'paragraph', children: phrasing() }] });
        break;
      case 'code': {
        const exact = segs.every((s) => s.target !== null && s.score !== null && s.score >= 100);
        root.children.push({ type: 'code', value: exact ? segs.map((s) => s.target).join('\n') : block.text });
        break;
      }
      case 'tableRow': {
        const row = tableRow(block, segs, space);
        if (!table || block.table?.row === 0) {
          table = { type: 'table', align: block.table?.align ?? row.children.map(() => null), children: [] };
          root.children.push(table);
        }
        table.children.push(row);
        break;
      }
      case 'listItem':
        addListItem(root, lists, block, phrasing());
        break;
      case 'image':
        // An image is not translated: the draft keeps it as the source has it.
        root.children.push({ type: 'paragraph', children: block.mdast });
        break;
      default:
        root.children.push({ type: 'paragraph', children: phrasing() });
    }
  }
  return String(writer.stringify(root));
}

/**
 * Put a list-item block's paragraph into the open lists (`lists[d-1]` is the list at depth d):
 * a block that opens item 0 (or whose list kind differs) starts a new list; a block that does not
 * open its item joins the previous item. Without `block.list` each block is an item of a tight
 * bulleted list.
 */
function addListItem(root: Root, lists: List[], block: Block, children: PhrasingContent[]): void {
  const depth = Math.max(1, block.depth ?? 1);
  const place = block.list;
  const opens = place ? place.firstOfItem : true;
  const paragraph: BlockContent = { type: 'paragraph', children };
  lists.length = Math.min(lists.length, depth);
  let list: List | undefined = lists[depth - 1];
  if (list && place && place.item === 0 && place.firstOfItem) list = undefined;
  if (list && place && (list.ordered ?? false) !== place.ordered) list = undefined;
  if (!list) {
    list = { type: 'list', ordered: place?.ordered ?? false, start: place?.ordered ? place.start : null, spread: place?.spread ?? false, children: [] };
    lists.length = depth - 1;
    const parent = lists[depth - 2];
    const host = parent?.children.at(-1);
    if (host) host.children.push(list);
    else root.children.push(list as RootContent);
    lists[depth - 1] = list;
  }
  const last: ListItem | undefined = list.children.at(-1);
  if (last && !opens) last.children.push(paragraph);
  else list.children.push({ type: 'listItem', spread: list.spread ?? false, children: [paragraph] });
}
