/**
 * BCP 47 language tags, shared by every stage (read, segment, memory, publish), and the file
 * names that declare a document's language.
 *
 * - `canonicalTag` fixes case and separators (RFC 5646 §2.1.1: language lowercase, script
 *   titlecase, region uppercase; `_` read as `-`), keeping every subtag the user wrote.
 * - What a tag means is read by `Intl.Locale`: its language (`cmn` is `zh`) and, through
 *   `maximize()` (CLDR likely subtags), its script: `zh`, `zh-CN`, `zh-SG`, `zh-MY` are Simplified
 *   (`Hans`); `zh-TW`, `zh-HK`, `zh-MO` and `yue` Traditional (`Hant`); an explicit script wins.
 * - `matchKey` is what two tags are compared by: Chinese collapses to its script (`zh-Hans` or
 *   `zh-Hant`); other tags keep their full canonical form, so `en-US` and `en-GB` stay distinct.
 * - `languageFamily` is coarser (Chinese script, otherwise the primary subtag): the n-gram index
 *   is keyed by it so that a lookup for `en` reaches `en-US` and `en-GB` units.
 */
import { basename, extname } from 'node:path';
import type { LanguageTag } from '../types.ts';
import { boundedCache } from './cache.ts';

/**
 * Canonical case of a BCP 47 tag: `eN-uS` → `en-US`, `zh_hant_tw` → `zh-Hant-TW`, `EN-US` → `en-US`.
 * Throws `Error` for an empty tag or one with characters other than ASCII letters, digits, `-`, `_`.
 *
 * Not `Intl.getCanonicalLocales`: besides the case it replaces deprecated subtags (`eng` → `en`,
 * `iw` → `he`, `cmn` → `zh`) and rejects legacy tags that TMX tools write (`zh-CHS`), whereas a
 * tag is stored as written.
 */
export const canonicalTag: (tag: string) => LanguageTag = boundedCache((tag) => {
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
});

/**
 * The `Intl.Locale` of a tag (`_` read as `-`); of its primary subtag alone when Intl rejects the
 * whole tag (`zh-CHS` reads as `zh`); null when Intl rejects that too (`C`, `x-private`).
 */
const localeOf = boundedCache((tag: string): Intl.Locale | null => {
  const dashed = tag.trim().replace(/_/g, '-');
  for (const candidate of [dashed, dashed.split('-')[0]]) {
    try {
      return new Intl.Locale(candidate);
    } catch {
      // not a tag Intl reads: try the primary subtag alone
    }
  }
  return null;
});

/** Languages written in Chinese characters: Chinese (`zh`; `cmn` is read as `zh`), Cantonese, Literary Chinese, Wu. */
const CHINESE_LANGUAGES = new Set(['zh', 'yue', 'lzh', 'wuu']);
/** Other languages written without spaces between words: Japanese, Thai, Lao, Burmese, Khmer. */
const UNSPACED_LANGUAGES = new Set(['ja', 'th', 'lo', 'my', 'km']);

/** True for any Chinese tag (`zh`, `zh-CN`, `zh-Hant-TW`, `cmn`, `yue`…). Never throws. */
export function isChinese(tag: LanguageTag): boolean {
  return CHINESE_LANGUAGES.has(localeOf(tag)?.language ?? '');
}

/**
 * True for a Chinese tag whose likely script is Traditional (`Intl.Locale.maximize()`): `zh-Hant`,
 * `zh-TW`, `zh-HK`, `zh-MO`, `yue`, `cmn-TW`; false for Simplified and for other languages.
 * Never throws.
 */
export function isTraditional(tag: LanguageTag): boolean {
  return isChinese(tag) && localeOf(tag)?.maximize().script === 'Hant';
}

/** True when text in this language is written without spaces between words (Chinese, Japanese, Thai…). */
export function joinsWithoutSpace(tag: LanguageTag): boolean {
  return isChinese(tag) || UNSPACED_LANGUAGES.has(localeOf(tag)?.language ?? '');
}

/**
 * The key two tags are compared by: `zh-Hant` or `zh-Hans` for Chinese (`isTraditional`),
 * otherwise the canonical tag. Examples: `zh-CN` → `zh-Hans`, `zh_TW` → `zh-Hant`, `zh` →
 * `zh-Hans`, `yue` → `zh-Hant`, `en-us` → `en-US`. Throws like `canonicalTag`.
 */
export const matchKey: (tag: LanguageTag) => string = boundedCache((tag) => {
  const canonical = canonicalTag(tag);
  if (!isChinese(canonical)) return canonical;
  return isTraditional(canonical) ? 'zh-Hant' : 'zh-Hans';
});

/** The index family of a tag: the Chinese script key, otherwise the lowercase primary subtag (`en-GB` → `en`). */
export function languageFamily(tag: LanguageTag): string {
  return isChinese(tag) ? matchKey(tag) : canonicalTag(tag).split('-')[0];
}

/**
 * Does `tag` (a variant's language) satisfy `requested` (what a user asked for)?
 * Chinese: bare `zh` takes any Chinese, otherwise the scripts must agree (`zh-CN` ≡ `zh-Hans`,
 * `zh-TW` ≡ `zh-HK` ≡ `zh-Hant`; Simplified never satisfies Traditional or the reverse).
 * Other languages: RFC 4647 basic filtering, on the tags as written — equal, or `requested` is a
 * prefix at a subtag boundary (`en` takes `en-US`, not `eng`). Throws like `canonicalTag`.
 */
export function tagMatches(requested: LanguageTag, tag: LanguageTag): boolean {
  return tagsMatch(`${requested}\u0000${tag}`);
}

const tagsMatch = boundedCache((pair) => {
  const [want, have] = pair.split('\u0000').map(canonicalTag);
  if (isChinese(want) || isChinese(have)) {
    if (!isChinese(want) || !isChinese(have)) return false;
    if (localeOf(want)?.baseName === 'zh') return true;
    return matchKey(want) === matchKey(have);
  }
  const w = want.toLowerCase();
  const h = have.toLowerCase();
  return h === w || h.startsWith(`${w}-`);
});

/** Extensions of document files (compared case-insensitively): Markdown, then plain text. */
const DOCUMENT_EXTENSIONS = ['.md', '.markdown', '.txt'];

/**
 * The language a document file's name declares, or `null` when the name is not a document's:
 * a Markdown or plain-text file (`.md`, `.markdown`, `.txt`) named `zh` (script to be detected),
 * `zh-` and a script or region (`zh-Hans`, `zh-CN`, `zh_TW`, `zh-Hant-HK`: its `matchKey`), `en` or
 * `en-` anything; case-insensitive, `_` read as `-`. Examples: `zh.md` → `zh`, `zh-hant.md` →
 * `zh-Hant`, `en.txt` → `en`, `fr.md` → `null`, `zh.json` → `null`.
 */
export function languageOfFileName(file: string): 'zh' | 'zh-Hans' | 'zh-Hant' | 'en' | null {
  const ext = extname(file);
  if (!DOCUMENT_EXTENSIONS.includes(ext.toLowerCase())) return null;
  const stem = basename(file, ext).replace(/_/g, '-').toLowerCase();
  if (stem === 'zh') return 'zh';
  if (stem === 'en' || stem.startsWith('en-')) return 'en';
  if (!stem.startsWith('zh-') || !isIntlTag(stem)) return null;
  return matchKey(stem) as 'zh-Hans' | 'zh-Hant';
}

/** True when `Intl` reads all of `tag` (`zh-tw`, not `zh-foo`). */
function isIntlTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

