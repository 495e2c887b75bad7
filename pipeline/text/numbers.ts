/**
 * Numbers in Chinese and English text, with normalised values, so that the two sides of a link
 * can be compared ("12.6万" ↔ "126,000", "11月12日" ↔ "November 12", "三倍" ↔ "three times").
 *
 * Used by `check` (numbers that do not match across a link) and by `align` (numbers, months and
 * dates as lexical items, `pipeline/align/features.ts`). Pure functions, no state. Offsets are
 * UTF-16 code units of the text passed in.
 *
 * What is recognised (both languages unless marked):
 * - Arabic digits, full-width digits (U+FF10–U+FF19, full-width `．` and `％`), decimals,
 *   thousands separators (`126,000`; a full-width `，` only between digit groups of exactly three
 *   digits, `１，２００` = 1200, so the list `1，2` stays two numbers).
 * - zh: digits or Chinese numerals with a scale character (`12.6万` = 126000, `3千万`, `1.2亿`),
 *   Chinese numerals (`二十五`, `一百零五`, `三千五百万`, positional `一九六九`), `第N` ordinals,
 *   `N年` years, `M月D日`/`M月D号` dates, `M月` months, `N年代` decades (`60年代` = 1960),
 *   `N倍` multiples, `百分之N` and `N%` percentages, `周二`/`星期二` weekdays.
 * - both: dates written in digits, year first (`2022.1.8`, `2022-01-08`, `2022/1/8`), read as a
 *   year and a date (`numericDates`), so they meet `2022年1月8日` and `January 8, 2022`.
 * - en: number words (`twenty-five`, `three hundred and five`), digits with a scale word
 *   (`12.6 million`), ordinals (`first`, `21st`), month names with a day (`November 12`,
 *   `12 November`) or alone, four-digit years 1000–2199, decades (`1960s`, `'60s`), multiples
 *   (`three times`, `twice`, `threefold`), percentages (`30%`, `30 percent`), weekdays.
 *
 * Deliberately not read: a lone `一` (zh) or `one`/`a` (en) — too common as articles and in set
 * phrases; lone scale characters (`万一`, `千万` "must") ; vague quantities (`数百`, `dozens`).
 * Mentions written in words are marked `written: 'words'` so a caller can weigh them lower.
 */
import type { LanguageTag } from '../types.ts';
import { foldWidth } from './chars.ts';
import { isChinese } from './lang.ts';

/**
 * What a number denotes. `date` values are `month * 100 + day` (11月12日 → 1112); `month` is 1–12;
 * `weekday` is 1 (Monday) … 7 (Sunday); `decade` is its first year (1960); `percent` is the number
 * of hundredths (30% → 30); `multiple` is the factor (三倍 → 3); `ordinal` the position (第一 → 1); `time` a clock time
 * on 24 hours as `hour * 100 + minute` (上午十点 → 1000, 2:30 p.m. → 1430).
 */
export type NumberKind =
  | 'number'
  | 'year'
  | 'date'
  | 'month'
  | 'decade'
  | 'weekday'
  | 'ordinal'
  | 'multiple'
  | 'percent'
  | 'time';

/** One number found in a text. `start`/`end` are UTF-16 offsets into that text (`end` exclusive). */
export interface NumberMention {
  value: number;
  kind: NumberKind;
  start: number;
  end: number;
  /** The matched text, as written (`text.slice(start, end)`). */
  text: string;
  /** `digits` when the number is written with digits (incl. full-width), `words` otherwise. */
  written: 'digits' | 'words';
}

// ---------------------------------------------------------------- shared helpers

/**
 * A number grouped with full-width commas `，` (U+FF0C): a first group of 1–3 digits, then groups
 * of exactly three (`１，２００`, `1，200，000`), not itself following `digit，` (a list item).
 * `1，2`, `1，2000` and `1，20，300` stay lists of numbers.
 */
const GROUPED_FULLWIDTH = /(?<![0-9\uFF10-\uFF19]|[0-9\uFF10-\uFF19]\uFF0C)[0-9\uFF10-\uFF19]{1,3}(?:\uFF0C[0-9\uFF10-\uFF19]{3})+(?![0-9\uFF10-\uFF19])/g;

/** The full-width characters numbers are read through: digits, `．` and `％`. */
const NUMBER_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF05]/g;

/**
 * Full-width digits, `．`, `％` and a thousands-separator `，` (see `GROUPED_FULLWIDTH`) folded to
 * ASCII (`foldWidth`); one code unit for one, so offsets survive.
 */
function foldNumberWidth(text: string): string {
  return foldWidth(text.replace(GROUPED_FULLWIDTH, (run) => run.replace(/\uFF0C/g, ',')), NUMBER_WIDTH);
}

/** `"12.6"` scaled by 10^exp without binary rounding noise (`12.6 × 10^4` = 126000 exactly). */
function scaled(digits: string, exp: number): number {
  return Number(`${digits.replace(/,/g, '')}e${exp}`);
}

interface Candidate {
  value: number;
  kind: NumberKind;
  start: number;
  end: number;
  written: 'digits' | 'words';
}

/**
 * Keep candidates in priority order, dropping any that overlaps one already kept; sort by start.
 * Kept spans are marked character by character, so a check costs the candidate's length (the
 * candidates of one pattern never overlap: time linear in the text, not in the square of the
 * number of mentions).
 */
function settle(text: string, candidates: Candidate[]): NumberMention[] {
  if (candidates.length === 0) return [];
  const kept: Candidate[] = [];
  const taken = new Uint8Array(text.length);
  for (const c of candidates) {
    if (!Number.isFinite(c.value)) continue;
    let free = true;
    for (let p = c.start; p < c.end && free; p++) free = taken[p] === 0;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ ...c, text: text.slice(c.start, c.end) }));
}

/**
 * Add to `out` a candidate for every match of `pattern` (global) in `folded` that `make` accepts.
 * The pattern's `lastIndex` is used and left at 0: patterns are shared module constants, matched
 * with `exec` rather than `matchAll`, which would copy the expression on every call.
 */
function collect(
  folded: string,
  pattern: RegExp,
  make: (m: RegExpExecArray) => Omit<Candidate, 'start' | 'end'> & { start?: number; end?: number } | null,
  out: Candidate[],
): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    if (m[0] === '') pattern.lastIndex++; // never stall on an empty match
    const made = make(m);
    if (!made) continue;
    out.push({ start: m.index, end: m.index + m[0].length, ...made } as Candidate);
  }
}

// ---------------------------------------------------------------- Chinese

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const CN_NUMERAL = '零〇一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億';
const CN_RUN = `[${CN_NUMERAL}]+`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
/** Parts of the day before a clock time, and the hours they add to a 12-hour reading (下午三点 → 15). */
const CN_DAY_PERIOD_HOURS: Record<string, number> = {
  凌晨: 0, 早上: 0, 早晨: 0, 上午: 0, 中午: 12, 下午: 12, 傍晚: 12, 晚上: 12, 夜里: 12, 夜間: 12, 夜间: 12,
};
const CN_DAY_PERIOD = Object.keys(CN_DAY_PERIOD_HOURS).join('|');

/**
 * Value of a run of Chinese numerals: `二十五` → 25, `一百零五` → 105, `三千五百万` → 35000000,
 * `十` → 10, positional `一九六九` → 1969. Returns NaN for a run that is not a number (`万千`).
 */
export function parseChineseNumeral(run: string): number {
  const chars = [...run];
  if (chars.length === 0) return NaN;
  const hasUnit = chars.some((c) => c in CN_SMALL_UNIT || c in CN_BIG_UNIT);
  if (!hasUnit) {
    // Positional: each character one digit (一九六九, 二〇二四).
    let value = 0;
    for (const c of chars) {
      if (!(c in CN_DIGIT)) return NaN;
      value = value * 10 + CN_DIGIT[c];
    }
    return value;
  }
  let big = 0;
  let wan = 0;
  let section = 0;
  let digit = -1;
  for (const c of chars) {
    if (c in CN_DIGIT) {
      if (digit > 0) return NaN; // two digits in a row inside a unit form (三四十 "thirty or forty")
      digit = CN_DIGIT[c];
    } else if (c in CN_SMALL_UNIT) {
      section += (digit < 0 ? 1 : digit) * CN_SMALL_UNIT[c];
      digit = -1;
    } else if (c in CN_BIG_UNIT) {
      const here = section + Math.max(digit, 0);
      if (here === 0 && wan === 0 && big === 0) return NaN; // a bare scale character
      if (CN_BIG_UNIT[c] === 1e4) {
        wan = (wan + here) * 1e4;
      } else {
        big = (big + wan + here) * 1e8;
        wan = 0;
      }
      section = 0;
      digit = -1;
    } else {
      return NaN;
    }
  }
  return big + wan + section + Math.max(digit, 0);
}

/**
 * A number followed by something (月, 倍, %…) starts where its run starts: digits not after a
 * digit, numerals not after a numeral. Without this, a long run that is not followed by the
 * suffix would be retried from each of its positions, each try reading to the run's end
 * (quadratic time: 40,000 一 took 30 s); with it, each run is read once.
 */
const RUN_DIGITS = `(?<!\\d)(?:${DIGITS})`;
const CN_NUM = `(?:${RUN_DIGITS}|(?<![${CN_NUMERAL}])${CN_RUN})`;

/** An ASCII digit (what `\d` matches), which patterns of numbers written in digits cannot match without. */
const ANY_DIGIT = /\d/;

/** The patterns of `chineseNumbers`, built once (matched by `collect`). */
const ZH = {
  date: new RegExp(`(${CN_NUM})\\s?月\\s?(${CN_NUM})\\s?[日号號]`, 'gu'),
  decade: new RegExp(`(?:(上个?世纪|二十世纪|20世纪)|(本世纪|二十一世纪|21世纪))?(${CN_NUM})年代`, 'gu'),
  year: new RegExp(`(\\d{3,4}|[零〇一二三四五六七八九]{4})\\s?年(?!代)`, 'gu'),
  month: new RegExp(`(?<!个|個)(${CN_NUM})\\s?月`, 'gu'),
  time: new RegExp(`(${CN_DAY_PERIOD})?\\s?(?:(${RUN_DIGITS})[:：](\\d{2})(?!\\d)|(${CN_NUM})\\s?[点點](?:\\s?(${CN_NUM})\\s?分|(半)|[钟鐘整])?)`, 'gu'),
  weekday: /(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])/gu,
  percentWords: new RegExp(`百分之(${CN_NUM})`, 'gu'),
  percent: new RegExp(`(${RUN_DIGITS})\\s?%`, 'gu'),
  multiple: new RegExp(`(${CN_NUM})倍`, 'gu'),
  ordinal: new RegExp(`第(${CN_NUM})`, 'gu'),
  scaled: new RegExp(`(${RUN_DIGITS})\\s?([多余餘]?)\\s?([十百千万萬亿億]+)`, 'gu'),
  numeralsApprox: new RegExp(`(?<![${CN_NUMERAL}])(${CN_RUN})[多余餘]([万萬亿億]+)`, 'gu'),
  digits: new RegExp(DIGITS, 'gu'),
  numerals: new RegExp(CN_RUN, 'gu'),
};

/** Numbers in Chinese text (see the module comment for the forms). */
function chineseNumbers(text: string): NumberMention[] {
  const t = foldNumberWidth(text);
  const out: Candidate[] = [];
  const value = (s: string): number => (/^[\d.,]+$/.test(s) ? Number(s.replace(/,/g, '')) : parseChineseNumeral(s));
  const written = (s: string): 'digits' | 'words' => (/\d/.test(s) ? 'digits' : 'words');

  // A pattern with a literal character (月, 倍, 第…) or a digit is skipped for a text without it:
  // the same mentions, and most sentences have no date, percent or ordinal.
  const digits = ANY_DIGIT.test(t);
  // Dates in digits, year first: 2022.1.8
  if (digits) collectNumericDates(t, out);
  // Dates: 11月12日, 十一月十二号
  if (t.includes('月')) collect(t, ZH.date, (m) => {
    const month = value(m[1]);
    const day = value(m[2]);
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
    return { value: month * 100 + day, kind: 'date', written: written(m[1]) };
  }, out);
  // Decades: (上世纪)60年代, 1960年代
  if (t.includes('年代')) collect(t, ZH.decade, (m) => {
    let v = value(m[3]);
    if (!Number.isInteger(v)) return null;
    if (v < 100) v += m[2] ? 2000 : 1900;
    if (v % 10 !== 0) return null;
    return { value: v, kind: 'decade', written: written(m[3]) };
  }, out);
  // Years: 1969年, 一九六九年 (not 3年 "three years": a year needs 3–4 digits)
  if (t.includes('年')) collect(t, ZH.year, (m) => ({
    value: value(m[1]), kind: 'year', written: written(m[1]),
  }), out);
  // Months: 10月 (not 个月, a duration)
  if (t.includes('月')) collect(t, ZH.month, (m) => {
    const v = value(m[1]);
    if (!(v >= 1 && v <= 12 && Number.isInteger(v))) return null;
    return { value: v, kind: 'month', written: written(m[1]) };
  }, out);
  // Weekdays: 周二, 星期天, 礼拜五
  if (/[周週期拜]/.test(t)) collect(t, ZH.weekday, (m) => ({
    value: CN_WEEKDAY[m[1]], kind: 'weekday', written: 'words',
  }), out);
  // Percentages: 百分之三十, 30%
  if (t.includes('百分之')) collect(t, ZH.percentWords, (m) => ({ value: value(m[1]), kind: 'percent', written: written(m[1]) }), out);
  if (t.includes('%')) collect(t, ZH.percent, (m) => ({ value: value(m[1]), kind: 'percent', written: 'digits' }), out);
  // Multiples: 三倍, 2.5倍
  if (t.includes('倍')) collect(t, ZH.multiple, (m) => ({ value: value(m[1]), kind: 'multiple', written: written(m[1]) }), out);
  // Ordinals: 第一, 第3
  if (t.includes('第')) collect(t, ZH.ordinal, (m) => ({ value: value(m[1]), kind: 'ordinal', written: written(m[1]) }), out);
  // Clock times: 上午十点, 下午3点半, 晚上 8 点 15 分, 14:30. Without a part of the day a 点 needs
  // 钟/整/半/分 after it (三点建议 is "three points").
  collect(t, ZH.time, (m) => {
    const [, period, hDigits, mDigits, hRun, mRun, half] = m;
    if (hRun !== undefined && !period && !/[钟鐘整分半]$/.test(m[0])) return null;
    const hour = value(hDigits ?? hRun);
    const minute = half ? 30 : value(mDigits ?? mRun ?? '0');
    if (!(Number.isInteger(hour) && hour >= 0 && hour <= 24 && Number.isInteger(minute) && minute >= 0 && minute < 60)) return null;
    const h = period && hour < 12 ? hour + CN_DAY_PERIOD_HOURS[period] : hour;
    return { value: h * 100 + minute, kind: 'time', written: written(hDigits ?? hRun) };
  }, out);
  // Digits with a scale: 12.6万, 3千万, 1.2亿, 100 多万 (多/余 "over" leaves the magnitude: over a million)
  if (digits) collect(t, ZH.scaled, (m) => {
    const factor = parseChineseNumeral(`一${m[3]}`);
    if (!Number.isFinite(factor)) return null;
    return { value: scaled(m[1], Math.round(Math.log10(factor))), kind: 'number', written: 'digits' };
  }, out);
  collect(t, ZH.numeralsApprox, (m) => {
    const v = parseChineseNumeral(m[1]) * parseChineseNumeral(`一${m[2]}`);
    return Number.isFinite(v) ? { value: v, kind: 'number', written: 'words' } : null;
  }, out);
  // Plain digits
  if (digits) collect(t, ZH.digits, (m) => {
    const v = value(m[0]);
    const isYear = Number.isInteger(v) && v >= 1000 && v <= 2199 && !m[0].includes(',');
    return { value: v, kind: isYear ? 'year' : 'number', written: 'digits' };
  }, out);
  // Chinese numeral runs (a lone 一 or a lone scale character is not read as a number)
  collect(t, ZH.numerals, (m) => {
    const run = m[0];
    if (run === '一' || run === '壹' || /^[十拾百佰千仟万萬亿億]$/u.test(run)) return null;
    if (/^[万萬千百]+$/u.test(run)) return null; // 千万 "must", 万万 "by no means"
    if (run === '万一' || run === '一一') return null;
    const v = parseChineseNumeral(run);
    return Number.isFinite(v) ? { value: v, kind: 'number', written: 'words' } : null;
  }, out);
  return settle(text, out);
}

// ---------------------------------------------------------------- English

const EN_UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const EN_TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const EN_SCALES: Record<string, number> = { hundred: 2, thousand: 3, million: 6, billion: 9, trillion: 12 };
const EN_ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  twentieth: 20, thirtieth: 30, hundredth: 100,
};
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Abbreviated English month names, lower case: `jan` … `dec` and `sept` (`may` is a full name). */
export const ENGLISH_MONTH_ABBREVIATIONS: readonly string[] = [
  ...MONTH_NAMES.map((name) => name.slice(0, 3)).filter((short) => !MONTH_NAMES.includes(short)),
  'sept',
];

/** English month names, full and abbreviated (`ENGLISH_MONTH_ABBREVIATIONS`), lower case → month 1–12. */
export const ENGLISH_MONTHS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, i): [string, number] => [name, i + 1]),
  ...ENGLISH_MONTH_ABBREVIATIONS.map((short): [string, number] => [short, MONTH_NAMES.findIndex((name) => name.startsWith(short.slice(0, 3))) + 1]),
]);

/** English weekday names, lower case → 1 (Monday) … 7 (Sunday). */
const EN_WEEKDAYS = new Map(WEEKDAY_NAMES.map((name, i) => [name, i + 1]));
const EN_DECADE_WORDS: Record<string, number> = {
  twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90,
};

const WORD = `(?:${[...Object.keys(EN_UNITS), ...Object.keys(EN_TENS), ...Object.keys(EN_SCALES)].join('|')})`;
const WORD_RUN = `\\b${WORD}(?:(?:[\\s-]+|\\s+and\\s+)${WORD})*\\b`;
const MONTH = `(?:${[...ENGLISH_MONTHS.keys()].sort((a, b) => b.length - a.length).join('|')})`;
/** A weekday name, capitalised (`Tuesday`; lower case is too often another word: `sunday best`). */
const WEEKDAY = `(?:${WEEKDAY_NAMES.map((name) => name[0].toUpperCase() + name.slice(1)).join('|')})`;
const DECADE_WORD = `(?:${Object.keys(EN_DECADE_WORDS).join('|')})`;

/**
 * Value of an English number-word run: `twenty-five` → 25, `three hundred and five` → 305,
 * `two million` → 2000000. NaN when the run is not a well-formed number.
 */
export function parseEnglishNumberWords(run: string): number {
  const words = run.toLowerCase().split(/[\s-]+/).filter((w) => w && w !== 'and');
  if (words.length === 0) return NaN;
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words) {
    if (w in EN_UNITS) current += EN_UNITS[w];
    else if (w in EN_TENS) current += EN_TENS[w];
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w in EN_SCALES) {
      total += (current || 1) * 10 ** EN_SCALES[w];
      current = 0;
    } else return NaN;
    any = true;
  }
  return any ? total + current : NaN;
}

/** A number (digits or words) starting where its run starts, as `CN_NUM` and for the same reason. */
const EN_NUM = `(?:${RUN_DIGITS}|\\b(?<!\\b${WORD}(?:[\\s-]+|\\s+and\\s+))${WORD_RUN})`;

/** The patterns of `englishNumbers`, built once (matched by `collect`). */
const EN = {
  monthDay: new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*(?:%|percent|million|billion))`, 'giu'),
  dayMonth: new RegExp(`(?<![\\w.\\-])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})\\b`, 'giu'),
  time: new RegExp(`(?<![\\w.:])(?:(\\d{1,2})(?::(\\d{2}))?\\s?(?:([ap])\\.?m\\b\\.?|o['’]clock\\b)|(\\d{1,2}):(\\d{2})(?![\\d:])|\\b(?<!\\b${WORD}(?:[\\s-]+|\\s+and\\s+))(${WORD_RUN})\\s+(?:([ap])\\.m\\.|o['’]clock\\b))`, 'giu'),
  scaleAlone: /\b(?:a|one)\s+(hundred|thousand|million|billion|trillion)\b/giu,
  decade: /(?:\b(\d{2})(\d0)s\b|['’](\d0)s\b)/gu,
  decadeWord: new RegExp(`\\b(${DECADE_WORD})\\b`, 'giu'),
  percent: new RegExp(`(${EN_NUM})\\s?(?:%|per\\s?cent\\b)`, 'giu'),
  multiple: new RegExp(`(${EN_NUM})(?:\\s+times\\b|-?fold\\b)`, 'giu'),
  multipleWord: /\b(twice|thrice|double|doubled|triple|tripled|quadruple|quadrupled)\b/giu,
  scaled: new RegExp(`(${RUN_DIGITS})\\s*(hundred|thousand|million|billion|trillion)\\b`, 'giu'),
  ordinal: /\b(\d+)(?:st|nd|rd|th)\b/giu,
  ordinalWord: new RegExp(`\\b(${Object.keys(EN_ORDINALS).join('|')})\\b`, 'giu'),
  digits: new RegExp(`(?<![\\w.])(?:${DIGITS})`, 'gu'),
  month: new RegExp(`\\b(${MONTH})\\b`, 'giu'),
  weekday: new RegExp(`\\b(${WEEKDAY})\\b`, 'gu'),
  words: new RegExp(WORD_RUN, 'giu'),
};

/**
 * What some `EN` patterns cannot match without (besides a digit, `ANY_DIGIT`), tested once per
 * text so that a text lacking it skips them (most sentences hold no digit, percent or multiple:
 * the patterns' scan of every word boundary was most of the time of reading English features).
 * Each is implied by its patterns' own text with the same flags, so skipping changes no result.
 */
const EN_NEEDS = {
  percent: /%|per\s?cent/iu,
  multiple: /times|fold/iu,
};

/**
 * A date written in digits, year first, with one separator throughout: `2022.1.8`, `2022-01-08`,
 * `2022/1/8`. Not inside a longer token (`v2022.1.8`, `1.2022.1.8`, a URL path segment).
 */
const NUMERIC_DATE = /(?<![\w.\/-])(\d{4})([.\/-])(\d{1,2})\2(\d{1,2})(?![\w]|[.\/-]\d)/gu;

/**
 * The dates written in digits, year first, in `text` (see `NUMERIC_DATE`), in text order: each
 * span (`start`/`end`, UTF-16 code units of `text`, `end` exclusive), the offset where its month
 * starts (`monthStart`) and its year (1000–2199), month (1–12) and day (1–31). A triple out of
 * those ranges (`3.9.10`, `2022.13.1`) is no date and is left out. Never throws.
 */
export function numericDates(text: string): { start: number; monthStart: number; end: number; year: number; month: number; day: number }[] {
  const out: ReturnType<typeof numericDates> = [];
  if (!ANY_DIGIT.test(text)) return out;
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (year < 1000 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31) continue;
    out.push({ start: m.index, monthStart: m.index + m[1].length + 1, end: m.index + m[0].length, year, month, day });
  }
  return out;
}

/** Add to `out` a year and a date candidate for each of `text`'s `numericDates` (the same two mentions as 2022年1月8日). */
function collectNumericDates(text: string, out: Candidate[]): void {
  for (const d of numericDates(text)) {
    out.push({ start: d.start, end: d.monthStart - 1, value: d.year, kind: 'year', written: 'digits' });
    out.push({ start: d.monthStart, end: d.end, value: d.month * 100 + d.day, kind: 'date', written: 'digits' });
  }
}

/** Numbers in English text (see the module comment for the forms). */
function englishNumbers(text: string): NumberMention[] {
  const t = foldNumberWidth(text);
  const out: Candidate[] = [];
  const wordValue = (s: string): number => (/\d/.test(s) ? Number(s.replace(/,/g, '')) : parseEnglishNumberWords(s));
  const digits = ANY_DIGIT.test(t);

  // Dates in digits, year first: 2022-01-08
  if (digits) collectNumericDates(t, out);
  // Dates: November 12, Nov. 12th, 12 November
  if (digits) collect(t, EN.monthDay, (m) => {
    const day = Number(m[2]);
    if (day < 1 || day > 31) return null;
    return { value: ENGLISH_MONTHS.get(m[1].toLowerCase())! * 100 + day, kind: 'date', written: 'digits' };
  }, out);
  if (digits) collect(t, EN.dayMonth, (m) => {
    const day = Number(m[1]);
    // A month after a number is capitalised ("8 May"): in "UTF-8 may require", "may" is a verb.
    if (day < 1 || day > 31 || !/^[A-Z]/.test(m[2])) return null;
    return { value: ENGLISH_MONTHS.get(m[2].toLowerCase())! * 100 + day, kind: 'date', written: 'digits' };
  }, out);
  // Decades: 1960s, '60s, the sixties
  if (digits) collect(t, EN.decade, (m) => ({
    value: m[3] ? 1900 + Number(m[3]) : Number(m[1] + m[2]), kind: 'decade', written: 'digits',
  }), out);
  collect(t, EN.decadeWord, (m) => ({
    value: 1900 + EN_DECADE_WORDS[m[1].toLowerCase()], kind: 'decade', written: 'words',
  }), out);
  // Percentages: 30%, 30 percent, thirty per cent
  if (EN_NEEDS.percent.test(t)) collect(t, EN.percent, (m) => ({
    value: wordValue(m[1]), kind: 'percent', written: /\d/.test(m[1]) ? 'digits' : 'words',
  }), out);
  // Multiples: three times, 2.5 times, twice, threefold, 3-fold
  if (EN_NEEDS.multiple.test(t)) collect(t, EN.multiple, (m) => ({
    value: wordValue(m[1]), kind: 'multiple', written: /\d/.test(m[1]) ? 'digits' : 'words',
  }), out);
  collect(t, EN.multipleWord, (m) => {
    const w = m[1].toLowerCase();
    const v = w.startsWith('tw') || w.startsWith('doub') ? 2 : w.startsWith('quad') ? 4 : 3;
    return { value: v, kind: 'multiple', written: 'words' };
  }, out);
  // Clock times: 10 a.m., 2:30 pm, ten o'clock, 14:30 (hours on 24: p.m. adds 12, 12 a.m. is 0)
  collect(t, EN.time, (m) => {
    const [, hDigits, mDigits, meridiem, h24, m24, hWords, meridiemWords] = m;
    const hour = h24 !== undefined ? Number(h24) : hDigits !== undefined ? Number(hDigits) : parseEnglishNumberWords(hWords);
    const minute = Number(m24 ?? mDigits ?? 0);
    if (!(Number.isInteger(hour) && hour <= 24 && minute < 60)) return null;
    const half = (meridiem ?? meridiemWords)?.toLowerCase();
    if (half && (hour < 1 || hour > 12)) return null;
    const h = half === 'p' && hour < 12 ? hour + 12 : half === 'a' && hour === 12 ? 0 : hour;
    return { value: h * 100 + minute, kind: 'time', written: hWords === undefined ? 'digits' : 'words' };
  }, out);
  // A scale word with an article: "over a million" (the magnitude 100多万 reads as)
  collect(t, EN.scaleAlone, (m) => ({ value: 10 ** EN_SCALES[m[1].toLowerCase()], kind: 'number', written: 'words' }), out);
  // Digits with a scale word: 12.6 million, 3 thousand
  if (digits) collect(t, EN.scaled, (m) => ({
    value: scaled(m[1], EN_SCALES[m[2].toLowerCase()]), kind: 'number', written: 'digits',
  }), out);
  // Ordinals: 21st, first
  if (digits) collect(t, EN.ordinal, (m) => ({ value: Number(m[1]), kind: 'ordinal', written: 'digits' }), out);
  collect(t, EN.ordinalWord, (m) => ({
    value: EN_ORDINALS[m[1].toLowerCase()], kind: 'ordinal', written: 'words',
  }), out);
  // Plain digits; four-digit integers 1000–2199 are years
  if (digits) collect(t, EN.digits, (m) => {
    const v = Number(m[0].replace(/,/g, ''));
    const isYear = /^\d{4}$/.test(m[0]) && v >= 1000 && v <= 2199;
    return { value: v, kind: isYear ? 'year' : 'number', written: 'digits' };
  }, out);
  // Months alone (May only when clearly the month: "in May", "May 2017")
  collect(t, EN.month, (m) => {
    const name = m[1];
    if (!/^[A-Z]/.test(name)) return null;
    if (name === 'May' || name === 'Mar' || name === 'Jan' || name.length <= 3) {
      const before = t.slice(Math.max(0, m.index! - 8), m.index!);
      const after = t.slice(m.index! + name.length, m.index! + name.length + 6);
      if (!/\b(?:in|of|early|late|mid|since|until|by)\s+$/i.test(before) && !/^\s+\d{4}/.test(after)) return null;
    }
    return { value: ENGLISH_MONTHS.get(name.toLowerCase())!, kind: 'month', written: 'words' };
  }, out);
  // Weekdays
  collect(t, EN.weekday, (m) => ({
    value: EN_WEEKDAYS.get(m[1].toLowerCase())!, kind: 'weekday', written: 'words',
  }), out);
  // Number words (a lone "one" is a pronoun far more often than a count)
  collect(t, EN.words, (m) => {
    if (/^one$/i.test(m[0])) return null;
    if (/^(hundred|thousand|million|billion|trillion)s?$/i.test(m[0])) return null;
    const v = parseEnglishNumberWords(m[0]);
    return Number.isFinite(v) ? { value: v, kind: 'number', written: 'words' } : null;
  }, out);
  return settle(text, out);
}

/**
 * Every number mentioned in `text`, in text order, without overlaps (a longer, more specific
 * reading wins: `11月12日` is one date, not two numbers). `lang` is a BCP 47 tag: Chinese tags
 * (`isChinese`: `zh-Hans`, `cmn`, `yue`…) use the Chinese rules, anything else the English ones.
 * Never throws.
 */
export function extractNumbers(text: string, lang: LanguageTag): NumberMention[] {
  return isChinese(lang) ? chineseNumbers(text) : englishNumbers(text);
}

/**
 * Compare the numbers of two texts (the two sides of a link). A mention is matched when the other
 * side has a mention of the same value (kinds are not compared: `2017年` ↔ `2017`, `第3章` ↔
 * `Chapter 3`), each used once. Returns the mentions left unmatched on each side, excluding those
 * written in words with kind `number` or `ordinal` (too often translated loosely: 两国 → "both").
 */
export function unmatchedNumbers(
  source: NumberMention[],
  target: NumberMention[],
): { source: NumberMention[]; target: NumberMention[] } {
  const strict = (m: NumberMention): boolean => !(m.written === 'words' && (m.kind === 'number' || m.kind === 'ordinal'));
  const count = (list: NumberMention[]): Map<number, number> => {
    const map = new Map<number, number>();
    for (const m of list) map.set(m.value, (map.get(m.value) ?? 0) + 1);
    return map;
  };
  const left = (mine: NumberMention[], theirs: NumberMention[]): NumberMention[] => {
    const available = count(theirs);
    const missing: NumberMention[] = [];
    // Strict mentions claim matches first so a loose one never steals their partner.
    const order = [...mine].sort((a, b) => Number(strict(b)) - Number(strict(a)));
    for (const m of order) {
      const n = available.get(m.value) ?? 0;
      if (n > 0) available.set(m.value, n - 1);
      else if (strict(m)) missing.push(m);
    }
    return missing.sort((a, b) => a.start - b.start);
  };
  return { source: left(source, target), target: left(target, source) };
}
