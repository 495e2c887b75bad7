import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createI18n, loadLocales, resolveUiLanguage, LOCALES_DIR, UI_LANGUAGES } from '../pipeline/publish/i18n.ts';
import { fieldReport } from './helpers/field-reports.ts';

describe('FR-13: interface language fallback', () => {
  const input = fieldReport('FR-13');
  const resources = Object.fromEntries(Object.entries(input.resources as Record<string, Record<string, string>>).map(([lng, keys]) => [lng, { translation: keys }]));
  const expected: Record<string, string> = { 'zh-CN': '下载', 'zh-SG': '下载', zh: '下载', 'zh-TW': '下載', 'zh-HK': '下載', zh_TW: '下載' };

  it('resolves every tag of the report to the right script', () => {
    expect(input.lngs).toEqual(Object.keys(expected));
    for (const lng of input.lngs as string[]) {
      expect(createI18n(lng, { resources, namespace: 'translation' }).t('download'), lng).toBe(expected[lng]);
    }
  });
  it('falls back to a real label, never the raw key, for a key missing in zh-Hant', () => {
    // documented policy: zh-Hant → en (a page never mixes the two scripts in its interface)
    expect(createI18n('zh-TW', { resources, namespace: 'translation' }).t('compare')).toBe('Compare');
  });
  it('reads POSIX locales and script subtags', () => {
    expect(resolveUiLanguage('zh_TW.UTF-8')).toBe('zh-Hant');
    expect(resolveUiLanguage('zh_HK.Big5HKSCS')).toBe('zh-Hant');
    expect(resolveUiLanguage('zh-Hant-CN')).toBe('zh-Hant');
    expect(resolveUiLanguage('zh-Hans-HK')).toBe('zh-Hans');
    expect(resolveUiLanguage('ZH-mo')).toBe('zh-Hant');
    expect(resolveUiLanguage('zh-MY')).toBe('zh-Hans');
    expect(resolveUiLanguage('en-GB')).toBe('en');
    expect(resolveUiLanguage('fr-FR')).toBe('en');
    expect(resolveUiLanguage('C')).toBe('en');
    expect(resolveUiLanguage(undefined)).toBe('en');
    expect(resolveUiLanguage('')).toBe('en');
  });
});

describe('shipped locales', () => {
  const resources = loadLocales();
  it('ship exactly en, zh-Hans and zh-Hant', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...UI_LANGUAGES].sort());
  });
  it('have the same keys in every language, and no empty string', () => {
    const keys = (obj: object, prefix = ''): string[] =>
      Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    for (const ns of Object.keys(resources.en)) {
      const reference = keys(resources.en[ns] as object).sort();
      for (const lng of UI_LANGUAGES) {
        expect(keys(resources[lng][ns] as object).sort(), `${lng}/${ns}`).toEqual(reference);
        const values = JSON.stringify(resources[lng][ns]);
        expect(values, `${lng}/${ns}`).not.toContain('""');
      }
    }
  });
  it('keep each Chinese file in its own script', () => {
    // characters that exist only in the other script: 简→簡, 对→對, 处→處
    const hans = readFileSync(`${LOCALES_DIR}/zh-Hans/edition.json`, 'utf8');
    const hant = readFileSync(`${LOCALES_DIR}/zh-Hant/edition.json`, 'utf8');
    expect(hans).toContain('对齐');
    expect(hans).not.toMatch(/[對處簡體]/);
    expect(hant).toContain('對齊');
    expect(hant).not.toMatch(/[对处简体]/);
  });
  it('pluralise the English summary', () => {
    const t = createI18n('en').t;
    expect(t('summary', { count: 1 })).toBe('1 link');
    expect(t('summary', { count: 19 })).toBe('19 links');
  });
});
