/**
 * BCP 47 language tags, shared by every stage (read, segment, memory, publish).
 *
 * - `canonicalTag` fixes case and separators (RFC 5646 §2.1.1: language lowercase, script
 *   titlecase, region uppercase; `_` read as `-`), keeping every subtag the user wrote.
 * - `matchKey` is what two tags are compared by: Chinese collapses to its script, because
 *   `zh-CN`/`zh-SG`/`zh-MY` and bare `zh` are written in Simplified (`zh-Hans`) and `zh-TW`/
 *   `zh-HK`/`zh-MO` in Traditional (`zh-Hant`) (CLDR likelySubtags); other tags keep their full
 *   canonical form, so `en-US` and `en-GB` stay distinct.
 * - `languageFamily` is coarser (Chinese script, otherwise the primary subtag): the n-gram index
 *   is keyed by it so that a lookup for `en` reaches `en-US` and `en-GB` units.
 */
import { basename, extname } from 'node:path';
import type { LanguageTag } from '../types.ts';

const TRADITIONAL_REGIONS = new Set(['TW', 'HK', 'MO']);

/**
 * Canonical case of a BCP 47 tag: `eN-uS` → `en-US`, `zh_hant_tw` → `zh-Hant-TW`, `EN-US` → `en-US`.
 * Throws `Error` for an empty tag or one with characters other than ASCII letters, digits, `-`, `_`.
 */
export function canonicalTag(tag: string): LanguageTag {
  return cached(canonicalCache, tag, computeCanonicalTag);
}

const canonicalCache = new Map<string, string>();
const matchKeyCache = new Map<string, string>();

/** `compute(tag)`, remembered in `cache` (at most 10,000 tags, so odd input cannot grow it without bound). */
function cached(cache: Map<string, string>, tag: string, compute: (tag: string) => string): string {
  let known = cache.get(tag);
  if (known === undefined) {
    known = compute(tag);
    if (cache.size < 10_000) cache.set(tag, known);
  }
  return known;
}

function computeCanonicalTag(tag: string): LanguageTag {
  const trimmed = tag.trim();
  if (!/^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$/.test(trimmed)) throw new Error(`not a language tag: "${tag}"`);
  const parts = trimmed.replace(/_/g, '-').split('-');
  return parts
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 4 && /^[A-Za-z]{4}$/.test(part) && i <= 2) return part[0].toUpperCase() + part.slice(1).toLowerCase();
      if ((part.length === 2 && /^[A-Za-z]{2}$/.test(part)) || /^[0-9]{3}$/.test(part)) {
        // A region follows the language or the script, never a singleton (`x-…`).
        const before = parts[i - 1];
        if (before.length > 1) return part.toUpperCase();
      }
      return part.toLowerCase();
    })
    .join('-');
}

/** True for any Chinese tag (`zh`, `zh-CN`, `zh-Hant-TW`, `cmn`, `yue`…). */
export function isChinese(tag: LanguageTag): boolean {
  const primary = tag.split(/[-_]/)[0].toLowerCase();
  return primary === 'zh' || primary === 'cmn' || primary === 'yue' || primary === 'lzh' || primary === 'wuu';
}

/** True when text in this language is written without spaces between words (Chinese, Japanese, Thai…). */
export function joinsWithoutSpace(tag: LanguageTag): boolean {
  const primary = tag.split(/[-_]/)[0].toLowerCase();
  return isChinese(tag) || primary === 'ja' || primary === 'th' || primary === 'lo' || primary === 'my' || primary === 'km';
}

/**
 * The key two tags are compared by: `zh-Hans` or `zh-Hant` for Chinese (explicit script first,
 * then region TW/HK/MO → Hant, anything else → Hans), otherwise the canonical tag.
 * Examples: `zh-CN` → `zh-Hans`, `zh_TW` → `zh-Hant`, `zh` → `zh-Hans`, `en-us` → `en-US`.
 */
export function matchKey(tag: LanguageTag): string {
  return cached(matchKeyCache, tag, computeMatchKey);
}

function computeMatchKey(tag: LanguageTag): string {
  const canonical = canonicalTag(tag);
  if (!isChinese(canonical)) return canonical;
  const parts = canonical.split('-');
  const script = parts.find((p, i) => i > 0 && p.length === 4 && /^[A-Z][a-z]{3}$/.test(p));
  if (script === 'Hant') return 'zh-Hant';
  if (script === 'Hans') return 'zh-Hans';
  const region = parts.find((p, i) => i > 0 && /^[A-Z]{2}$/.test(p));
  return region && TRADITIONAL_REGIONS.has(region) ? 'zh-Hant' : 'zh-Hans';
}

/** The index family of a tag: the Chinese script key, otherwise the lowercase primary subtag (`en-GB` → `en`). */
export function languageFamily(tag: LanguageTag): string {
  return isChinese(tag) ? matchKey(tag) : canonicalTag(tag).split('-')[0];
}

/**
 * Does `tag` (a variant's language) satisfy `requested` (what a user asked for)?
 * Chinese: bare `zh` takes any Chinese, otherwise the scripts must agree (`zh-CN` ≡ `zh-Hans`,
 * `zh-TW` ≡ `zh-HK` ≡ `zh-Hant`; Simplified never satisfies Traditional or the reverse).
 * Other languages: equal, or `requested` is a prefix at a subtag boundary (`en` takes `en-US`).
 */
export function tagMatches(requested: LanguageTag, tag: LanguageTag): boolean {
  const key = `${requested}\u0000${tag}`;
  let known = matchesCache.get(key);
  if (known === undefined) {
    known = computeTagMatches(requested, tag);
    if (matchesCache.size < 10_000) matchesCache.set(key, known);
  }
  return known;
}

const matchesCache = new Map<string, boolean>();

function computeTagMatches(requested: LanguageTag, tag: LanguageTag): boolean {
  const want = canonicalTag(requested);
  const have = canonicalTag(tag);
  if (isChinese(want) || isChinese(have)) {
    if (!isChinese(want) || !isChinese(have)) return false;
    if (want === 'zh') return true;
    return matchKey(want) === matchKey(have);
  }
  const w = want.toLowerCase();
  const h = have.toLowerCase();
  return h === w || h.startsWith(`${w}-`);
}

/**
 * The language a document file's name declares: `zh.md` → `zh` (script to be detected),
 * `zh-Hans.md`/`zh-Hant.md`/`en.md` (or `.txt`) → that tag, case-insensitive; `_` read as `-`.
 * Returns `null` for any other name.
 */
export function languageOfFileName(file: string): 'zh' | 'zh-Hans' | 'zh-Hant' | 'en' | null {
  const stem = basename(file, extname(file)).replace(/_/g, '-').toLowerCase();
  if (stem === 'zh') return 'zh';
  if (stem === 'zh-hans' || stem === 'zh-cn' || stem === 'zh-sg') return 'zh-Hans';
  if (stem === 'zh-hant' || stem === 'zh-tw' || stem === 'zh-hk') return 'zh-Hant';
  if (stem === 'en' || stem.startsWith('en-')) return 'en';
  return null;
}

/**
 * The script a text is written in, by letters: `zh` when Han characters are at least 30% of the
 * Han and Latin letters, `en` when Latin letters are at least 70%, otherwise (or with no letters)
 * `null`.
 */
export function scriptOf(text: string): 'zh' | 'en' | null {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const letters = han + latin;
  if (letters === 0) return null;
  if (han / letters >= 0.3) return 'zh';
  return latin / letters >= 0.7 ? 'en' : null;
}
