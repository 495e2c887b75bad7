/**
 * Interface language of the edition: resolving a user's language tag to one of the shipped
 * locales, and an i18next instance reading `locales/<lng>/<namespace>.json`.
 *
 * Fallback policy (documented here and in the README; field report FR-13):
 * - `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant` and any `zh-Hant-*` → `zh-Hant`;
 * - `zh-CN`, `zh-SG`, `zh-MY`, bare `zh`, `zh-Hans` and any `zh-Hans-*` → `zh-Hans`;
 * - everything else (including `undefined`, `C`, `POSIX`) → `en`.
 * `_` is read as `-` and a POSIX suffix is dropped (`zh_TW.UTF-8@x` → `zh-TW`), so `$LANG` works.
 * A key missing in `zh-Hant` falls back to `en`, never to the other Chinese script (a page never
 * mixes scripts in its interface) and never to the raw key.
 */
import { isChinese, matchKey } from '../text/index.ts';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource } from 'i18next';
import { BitextError, located } from '../io.ts';
import { PACKAGE_ROOT } from '../version.ts';

/** The interface languages shipped in `locales/`. */
export type UiLanguage = 'en' | 'zh-Hans' | 'zh-Hant';

/** The interface languages, in the order they are listed to users. */
export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'zh-Hans', 'zh-Hant'];

/** The folder holding `<lng>/<namespace>.json` files (the project's `locales/`). */
export const LOCALES_DIR = join(PACKAGE_ROOT, 'locales');

/**
 * The shipped interface language for a BCP 47 or POSIX locale tag (see the module comment for
 * the policy). Case-insensitive; never throws.
 */
export function resolveUiLanguage(tag: string | undefined): UiLanguage {
  const clean = (tag ?? '').trim().replace(/[.@].*$/, '');
  if (clean === '' || !isChinese(clean)) return 'en';
  try {
    return matchKey(clean) as UiLanguage;
  } catch {
    return 'en';
  }
}

/**
 * Read every `<lng>/<namespace>.json` under `dir` into an i18next resource object
 * `{ lng: { namespace: {...} } }`. Throws `BitextError` (exit 2) naming the file when one is not
 * valid JSON or not an object.
 */
export function loadLocales(dir: string = LOCALES_DIR): Resource {
  const resources: Resource = {};
  if (!existsSync(dir)) throw new BitextError(located(dir, undefined, 'no locales folder'), { file: dir });
  for (const lng of readdirSync(dir)) {
    const lngDir = join(dir, lng);
    let files: string[];
    try {
      files = readdirSync(lngDir).filter((f) => f.endsWith('.json'));
    } catch {
      continue; // not a folder
    }
    for (const file of files) {
      const path = join(lngDir, file);
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new BitextError(located(path, undefined, `not valid JSON: ${(error as Error).message}`), { file: path, cause: error });
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new BitextError(located(path, undefined, 'expected a JSON object of strings'), { file: path });
      }
      (resources[lng] ??= {})[file.slice(0, -'.json'.length)] = data as Record<string, string>;
    }
  }
  return resources;
}

let shipped: Resource | undefined;

/**
 * A ready (synchronously initialised) i18next instance for the interface language resolved from
 * `tag` (see `resolveUiLanguage`). `resources` defaults to the shipped `locales/` (read once);
 * `namespace` is the default namespace (`edition`). `instance.language` is the resolved tag, and
 * `t()` falls back along `zh-Hant → en`, `zh-Hans → en`.
 */
export function createI18n(tag: string | undefined, options: { resources?: Resource; namespace?: string } = {}): i18n {
  const resources = options.resources ?? (shipped ??= loadLocales());
  const lng = resolveUiLanguage(tag);
  const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    resources,
    ns: namespaces.length > 0 ? namespaces : ['translation'],
    defaultNS: options.namespace ?? (namespaces.includes('edition') ? 'edition' : namespaces[0] ?? 'translation'),
    fallbackLng: { 'zh-Hant': ['en'], 'zh-Hans': ['en'], default: ['en'] },
    supportedLngs: false,
    load: 'currentOnly',
    initAsync: false,
    returnNull: false,
    returnEmptyString: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}
