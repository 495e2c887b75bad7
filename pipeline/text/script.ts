/**
 * The script a text is written in — Chinese (Simplified or Traditional) or English — and
 * conversion between the two Chinese scripts with opencc-js (OpenCC's `cn` and `tw` character
 * tables). The library is loaded and the converters built on first use: loading takes ~40 ms
 * that commands without Chinese text (`tm lookup`) should not pay.
 */
import { createRequire } from 'node:module';
import { hanCharacters } from './chars.ts';

const require = createRequire(import.meta.url);

/** A Chinese script: Simplified (`hans`) or Traditional (`hant`). */
export type ChineseScript = 'hans' | 'hant';

const converters: Partial<Record<ChineseScript, (text: string) => string>> = {};

/**
 * The function converting Chinese text into `script`: Traditional to Simplified (`tw` → `cn`) for
 * `hans`, Simplified to Traditional (`cn` → `tw`) for `hant`. Text already in that script and
 * non-Chinese text pass through unchanged.
 */
export function converterTo(script: ChineseScript): (text: string) => string {
  return (converters[script] ??= buildConverter(script));
}

function buildConverter(script: ChineseScript): (text: string) => string {
  const { Converter } = require('opencc-js') as typeof import('opencc-js');
  return script === 'hant' ? Converter({ from: 'cn', to: 'tw' }) : Converter({ from: 'tw', to: 'cn' });
}

/**
 * The script a text is written in: `zh` when its Han characters are at least as many as its Latin
 * words, `en` when fewer, `null` when it holds neither. A Han character is weighed against a Latin
 * word, not a Latin letter: a Chinese word is one or two characters where an English word is about
 * five letters, so counting letters would read Chinese prose with a few English names as English.
 */
export function scriptOf(text: string): 'zh' | 'en' | null {
  const { han, words } = scriptWeights(text);
  if (han + words === 0) return null;
  return han >= words ? 'zh' : 'en';
}

/**
 * What `scriptOf` weighs: the Han characters of `text` and its Latin words (runs of Latin letters,
 * joined by an inner apostrophe or hyphen: `don't`, `linear-gradient` are one word each).
 */
export function scriptWeights(text: string): { han: number; words: number } {
  return { han: hanCharacters(text).length, words: text.match(LATIN_WORD)?.length ?? 0 };
}

const LATIN_WORD = /\p{Script=Latin}+(?:['’-]\p{Script=Latin}+)*/gu;

// A URL runs from its scheme (or `www.`) to the first space or non-ASCII character: Chinese prose
// follows a URL without a space (`见 https://ant.design。`).
const URL = /(?:\b[a-z][a-z\d+.-]*:\/\/|\bwww\.|\bmailto:)[\x21-\x7e]*/gi;

/**
 * `text` with every URL (`scheme://…`, `www.…`, `mailto:…`) replaced by a space: a URL's Latin
 * letters say nothing about the language of the prose around it.
 */
export function withoutUrls(text: string): string {
  return text.replace(URL, ' ');
}

/**
 * The script of a Chinese text: `hant` when converting its first 5,000 Han characters to
 * Simplified changes more of them than converting them to Traditional, else `hans` (also for
 * text without Han characters).
 */
export function chineseScriptOf(text: string): ChineseScript {
  const sample = hanCharacters(text).slice(0, 5000).join('');
  const toHans = countChanged(sample, converterTo('hans')(sample));
  // Nothing to simplify means Simplified whatever the other count is; this skips building the
  // cn→tw converter (its phrase table takes about half a second), the same answer sooner.
  if (toHans === 0) return 'hans';
  return toHans > countChanged(sample, converterTo('hant')(sample)) ? 'hant' : 'hans';
}

/** Positions (code points) at which `a` and `b` differ, over the shorter length. */
function countChanged(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let n = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) n++;
  return n;
}
