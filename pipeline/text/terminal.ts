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
