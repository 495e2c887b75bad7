/** Styling text for a terminal: ANSI colours through Node's `util.styleText`. */
import { styleText } from 'node:util';

/** A text format of `util.styleText` (a colour such as `red`, or a modifier such as `bold`, `dim`). */
export type TextFormat = Parameters<typeof styleText>[0];

/**
 * `text` in `format` (ANSI escape codes, e.g. `\x1b[31m…\x1b[39m` for `red`) when `color` is true,
 * else `text` unchanged. The caller decides on colour (the command line asks whether stdout is a
 * terminal), so the stream is not checked again here (`validateStream: false`).
 */
export function paint(format: TextFormat, text: string, color: boolean): string {
  return color ? styleText(format, text, { validateStream: false }) : text;
}

/**
 * `text` safe to print on a terminal: every control character that could move the cursor, change
 * colours or titles, or hide text — C0 controls except line feed and tab, DEL, and the C1 controls
 * U+0080–U+009F — written as a visible escape instead: `\xHH` for C0 and DEL (ESC → `\x1b`, CR →
 * `\x0d`), `\u00HH` for C1 (CSI U+009B → `\u009b`). An escape sequence thus loses its ESC and
 * prints as plain characters. Everything else, backslashes included, is unchanged, so the
 * escapes are the only change and plain text prints as it is. For reports printed to a terminal
 * (check, diff, align --format tsv, tm lookup and stats); JSON output needs none (JSON escapes them).
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u00${code.toString(16)}`;
  });
}

const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
