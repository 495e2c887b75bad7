/**
 * Limits on Markdown checked before the parser sees it, in one linear pass over the lines. The
 * parser (micromark, under remark-parse in pipeline/read/blocks.ts) takes time that grows faster
 * than linearly with container nesting (2,000 list levels written with indentation do not finish
 * in ten minutes), overflows the stack in a plugin at thousands of nested quotes, and is quadratic
 * in the emphasis delimiters of one paragraph that cannot pair (`*a … a**`: 20 KB take 15 s).
 */
import { BitextError, located } from '../io.ts';

/**
 * Deepest container nesting (block quotes plus list items) read from Markdown; real documents use
 * fewer than ten levels, and 100 parse in well under a second.
 */
export const MAX_MARKDOWN_NESTING = 100;

/**
 * Most emphasis delimiter runs (`*`, `**`, `_`, … that could open or close emphasis) kept as
 * Markdown in one paragraph; the markers after them are escaped (read literally). At this cap
 * 100 KB of unpairable runs parse in about 2 s; real paragraphs have a handful.
 */
export const MAX_EMPHASIS_RUNS = 500;

/** A list marker at `line[i]`: `-`, `*`, `+` or 1–9 digits and `.`/`)`, followed by a space, tab or the line's end. Returns its width, or 0. */
function listMarkerWidth(line: string, i: number): number {
  const c = line[i];
  let width = 0;
  if (c === '-' || c === '*' || c === '+') width = 1;
  else {
    while (width < 9 && line[i + width] >= '0' && line[i + width] <= '9') width++;
    if (width === 0 || (line[i + width] !== '.' && line[i + width] !== ')')) return 0;
    width++;
  }
  const after = line[i + width];
  return after === undefined || after === ' ' || after === '\t' ? width : 0;
}

/** Whether `line` from `i` is a thematic break (`- - -`, `***`, `___`), which is not a list item. */
function isThematicBreak(line: string, i: number): boolean {
  return /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line.slice(i));
}

const FENCE = /^(`{3,}|~{3,})/;

/**
 * Check Markdown text against the parser's limits before it is parsed, in time linear in its
 * length: every line's container nesting — its `>` markers plus the list items open at its
 * indentation (a stack of the items' content columns; a list marker closes the items it is not
 * indented into, a line after a blank line closes those it is not indented into) — must not pass
 * `MAX_MARKDOWN_NESTING`. Lines inside fenced code are not counted. In a paragraph (non-blank
 * lines between blank lines, outside fenced code and container markers), emphasis delimiter runs
 * after the first `MAX_EMPHASIS_RUNS` get a backslash before each marker, so they read as the
 * literal characters they would have shown unpaired; an `_` between two letters or digits is not a
 * delimiter and is left alone. The text read is then the same, but columns on a line after an
 * added backslash are shifted by it and a marker inside a code span there shows its backslash.
 * Returns the text to parse (`markdown` itself when nothing was escaped); `file` labels errors.
 * Throws `BitextError` (exit 2) `file:line: nesting deeper than 100 levels (quotes and lists): refused`.
 */
export function guardMarkdown(markdown: string, file: string): string {
  const lines = markdown.split('\n');
  const items: number[] = []; // content columns of the open list items, innermost last
  let afterBlank = true;
  let fence: { char: string; length: number } | undefined;
  let runs = 0; // delimiter runs so far in this paragraph
  let changed = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    let i = 0;
    let col = 0;
    let quotes = 0;
    let marker = false;
    for (;;) {
      while (line[i] === ' ' || line[i] === '\t') {
        col = line[i] === '\t' ? col + 4 - (col % 4) : col + 1;
        i++;
      }
      if (line[i] === '>') {
        quotes++;
        i++;
        col++;
      } else if (!fence && listMarkerWidth(line, i) > 0 && !isThematicBreak(line, i)) {
        const width = listMarkerWidth(line, i);
        while (items.length > 0 && items[items.length - 1] > col) items.pop();
        items.push(col + width + 1);
        marker = true;
        i += width;
        col += width;
        if (line[i] === ' ' || line[i] === '\t') {
          i++;
          col++;
        }
      } else break;
      if (!fence && quotes + items.length > MAX_MARKDOWN_NESTING) {
        throw new BitextError(located(file, n + 1, `nesting deeper than ${MAX_MARKDOWN_NESTING} levels (quotes and lists): refused`), { file, line: n + 1 });
      }
    }
    if (i === line.length) {
      // Only a truly blank line ends a paragraph for certain (an empty list item may not).
      afterBlank = quotes === 0 && !marker;
      if (afterBlank) runs = 0;
      continue;
    }
    if (!fence && !marker && afterBlank) while (items.length > 0 && items[items.length - 1] > col) items.pop();
    afterBlank = false;
    const opening = FENCE.exec(line.slice(i, i + 3));
    if (fence) {
      const closing = new RegExp(`^${fence.char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
      if (closing.test(line.slice(i))) fence = undefined;
      continue;
    }
    if (opening) {
      const length = /^(`+|~+)/.exec(line.slice(i))![1].length;
      fence = { char: line[i], length };
      continue;
    }
    if (isThematicBreak(line, i)) continue;
    const escaped = escapeRunsAfter(line, i, MAX_EMPHASIS_RUNS - runs);
    runs += escaped.runs;
    if (escaped.text !== line) {
      lines[n] = escaped.text;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : markdown;
}

const wordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Count the emphasis delimiter runs of `line` from `start` and escape those after the first
 * `keep` (each marker gets a backslash). An escaped marker (`\*`) and an `_` between two letters or
 * digits are not runs. Returns the line (itself when unchanged) and the number of runs counted.
 */
function escapeRunsAfter(line: string, start: number, keep: number): { text: string; runs: number } {
  const parts: string[] = [];
  let from = 0;
  let runs = 0;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '*' && c !== '_') continue;
    let end = i;
    while (line[end] === c) end++;
    if (!(c === '_' && wordChar(line[i - 1]) && wordChar(line[end]))) {
      runs++;
      if (runs > keep) {
        parts.push(line.slice(from, i), `\\${c}`.repeat(end - i));
        from = end;
      }
    }
    i = end - 1;
  }
  if (from === 0) return { text: line, runs };
  parts.push(line.slice(from));
  return { text: parts.join(''), runs };
}
