import { describe, expect, it } from 'vitest';
import { foldDigits, foldWidth, hanCharacters, hanRuns, isCjkCodePoint, isHan, trimRange } from '../pipeline/text/chars.ts';
import { fnv1a, fnv1aStep, FNV_OFFSET_BASIS } from '../pipeline/text/hash.ts';
import { boundedCache } from '../pipeline/text/cache.ts';
import { escapeControls, paint } from '../pipeline/text/terminal.ts';
import { formatFindings } from '../pipeline/check/index.ts';
import { blockId } from '../pipeline/types.ts';
import { formatTsv } from '../pipeline/align/index.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { join } from 'node:path';
import { chineseScriptOf, converterTo, scriptOf } from '../pipeline/text/script.ts';
import { canonicalTag, isChinese, isTraditional, joinsWithoutSpace, languageFamily, languageOfFileName, matchKey, tagMatches } from '../pipeline/text/lang.ts';
import { ENGLISH_MONTH_ABBREVIATIONS, ENGLISH_MONTHS, extractNumbers } from '../pipeline/text/numbers.ts';

describe('text/chars', () => {
  it('folds full-width forms to ASCII, one code unit for one', () => {
    expect(foldWidth('ＡＢｃ１２３　！％')).toBe('ABc123 !%');
    expect(foldWidth('中文，没有半角')).toBe('中文,没有半角');
    expect(foldWidth('１．５％', /[\uFF10-\uFF19]/g)).toBe('1．5％');
    expect(foldDigits('第１２章，ＡＢ')).toBe('第12章，ＡＢ');
    const plain = 'nothing to fold';
    expect(foldWidth(plain)).toBe(plain);
  });
  it('tells Han characters (Script=Han) and CJK code points apart', () => {
    expect(['中', '𠮷', '々', '〇', 'a', 'あ', '。'].map(isHan)).toEqual([true, true, true, true, false, false, false]);
    expect(hanCharacters('a中𠮷b。')).toEqual(['中', '𠮷']);
    expect([...hanRuns('ab中文cd𠮷字')].map((m) => [m[0], m.index])).toEqual([['中文', 2], ['𠮷字', 6]]);
    // あ, ー (Common script, but part of kana words), 가, 中, 𠮷 are CJK tokens; A and 。 are not.
    expect([0x3042, 0x30fc, 0xac00, 0x4e2d, 0x20bb7, 0x41, 0x3002].map(isCjkCodePoint)).toEqual([true, true, true, true, true, false, false]);
  });
  it('trims white space off a range', () => {
    expect(trimRange('  ab c  ', 0, 8)).toEqual({ start: 2, end: 6 });
    expect(trimRange(' a b ', 2, 5)).toEqual({ start: 3, end: 4 });
    expect(trimRange('a\u3000\n', 1, 3)).toBeNull();
  });
});

describe('text/hash', () => {
  it('is 32-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a('') >>> 0).toBe(0x811c9dc5);
    expect(fnv1a('a') >>> 0).toBe(0xe40c292c);
    expect(fnv1a('foobar') >>> 0).toBe(0xbf9cf968);
  });
  it('hashes a range, takes a seed, and steps unit by unit', () => {
    expect(fnv1a('xfoobarx', FNV_OFFSET_BASIS, 1, 7)).toBe(fnv1a('foobar'));
    expect(fnv1a('ab', 0x050c5d1f)).not.toBe(fnv1a('ab'));
    expect(fnv1aStep(fnv1aStep(FNV_OFFSET_BASIS, 0x61), 0x62) | 0).toBe(fnv1a('ab'));
  });
});

describe('text/cache', () => {
  it('computes once per key, keeps at most `limit` keys, keeps no errors', () => {
    const calls: string[] = [];
    const upper = boundedCache((key) => {
      calls.push(key);
      if (key === 'bad') throw new Error('bad key');
      return key.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('c'), upper('c'), upper('b')]).toEqual(['A', 'A', 'B', 'C', 'C', 'B']);
    expect(calls).toEqual(['a', 'b', 'c', 'c']);
    expect(() => upper('bad')).toThrow('bad key');
    expect(() => upper('bad')).toThrow('bad key');
  });
});

describe('text/terminal', () => {
  it('colours through util.styleText only when asked', () => {
    expect(paint('red', 'x', true)).toBe('\x1b[31mx\x1b[39m');
    expect(paint('dim', 'x', true)).toBe('\x1b[2mx\x1b[22m');
    expect(paint('red', 'x', false)).toBe('x');
  });
});

describe('text/script', () => {
  it('tells Chinese from English text, and Simplified from Traditional', () => {
    expect(scriptOf('中文')).toBe('zh');
    expect(scriptOf('Hello')).toBe('en');
    expect(scriptOf('12345 — 67')).toBeNull();
    expect(chineseScriptOf('這是繁體中文的句子')).toBe('hant');
    expect(chineseScriptOf('这是简体中文的句子')).toBe('hans');
    expect(converterTo('hant')('简体中文')).toBe('簡體中文');
    expect(converterTo('hans')('簡體中文')).toBe('简体中文');
    expect(converterTo('hant')('English')).toBe('English');
  });
});

describe('text/lang through Intl.Locale', () => {
  it('keeps tags as written, in canonical case', () => {
    expect(canonicalTag('zh-hant-hk')).toBe('zh-Hant-HK');
    expect(canonicalTag('cmn-tw')).toBe('cmn-TW');
    expect(canonicalTag('YUE_hk')).toBe('yue-HK');
    expect(canonicalTag('zh-CHS')).toBe('zh-chs');
    expect(() => canonicalTag('zh TW')).toThrow('not a language tag');
  });
  it('reads the likely script of Chinese tags: yue, yue-HK, zh-Hant-HK, cmn-TW are Traditional', () => {
    for (const tag of ['yue', 'yue-HK', 'zh-Hant-HK', 'cmn-TW', 'zh-MO']) {
      expect(isChinese(tag)).toBe(true);
      expect(isTraditional(tag)).toBe(true);
      expect(matchKey(tag)).toBe('zh-Hant');
      expect(languageFamily(tag)).toBe('zh-Hant');
    }
    for (const tag of ['zh', 'cmn', 'zh-MY', 'zh-Hans-HK', 'wuu', 'zh-CHS']) {
      expect(isChinese(tag)).toBe(true);
      expect(isTraditional(tag)).toBe(false);
      expect(matchKey(tag)).toBe('zh-Hans');
    }
    expect([isChinese('ja'), isChinese('en-US'), isChinese('C'), isChinese('x-private')]).toEqual([false, false, false, false]);
    expect(isTraditional('en')).toBe(false);
  });
  it('matches Chinese by script and other languages by prefix', () => {
    expect(tagMatches('zh-Hant', 'yue-HK')).toBe(true);
    expect(tagMatches('zh-TW', 'zh-Hant-HK')).toBe(true);
    expect(tagMatches('zh-Hans', 'cmn-TW')).toBe(false);
    expect(tagMatches('zh', 'yue')).toBe(true);
    expect(tagMatches('yue', 'zh-CN')).toBe(false);
    expect(tagMatches('en', 'en-GB')).toBe(true);
    expect(tagMatches('en', 'zh-CN')).toBe(false);
  });
  it('knows which languages are written without spaces', () => {
    expect(['yue', 'zh-Hant', 'ja-JP', 'th', 'en', 'fr-CA'].map(joinsWithoutSpace)).toEqual([true, true, true, true, false, false]);
  });
  it('reads the language a document file name declares', () => {
    const names = ['zh.md', 'zh-TW.md', 'zh-Hant-HK.txt', 'zh-cn.markdown', 'EN.MD', 'en-GB.txt', 'zh-foo.md', 'zh.json', 'fr.md', 'notes.md'];
    expect(names.map(languageOfFileName)).toEqual(['zh', 'zh-Hant', 'zh-Hant', 'zh-Hans', 'en', 'en', null, null, null, null]);
    expect(languageOfFileName('/some/folder/zh-Hans.md')).toBe('zh-Hans');
  });
});

describe('text/numbers tables', () => {
  it('has one table of English month names, full and abbreviated', () => {
    expect([...ENGLISH_MONTH_ABBREVIATIONS].sort()).toEqual(['apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'nov', 'oct', 'sep', 'sept']);
    expect(['january', 'may', 'sept', 'sep', 'dec'].map((m) => ENGLISH_MONTHS.get(m))).toEqual([1, 5, 9, 9, 12]);
    expect(ENGLISH_MONTHS.size).toBe(24);
  });
  it('reads weekdays and decades through those tables', () => {
    expect(extractNumbers('on Tuesday, in the sixties', 'en').map((m) => [m.kind, m.value])).toEqual([['weekday', 2], ['decade', 1960]]);
  });
  it('uses the Chinese rules for every Chinese tag', () => {
    expect(extractNumbers('三倍', 'yue').map((m) => [m.kind, m.value])).toEqual([['multiple', 3]]);
    expect(extractNumbers('三倍', 'cmn-TW').map((m) => [m.kind, m.value])).toEqual([['multiple', 3]]);
  });
});

describe('text/terminal: control characters escaped in every report', () => {
  it('writes C0 (but line feed and tab), DEL and C1 as visible escapes and leaves the rest', () => {
    expect(escapeControls('a\x1b[31mred\x1b[0m\r\n\tb\x00\x07\x7f\u009b2J\u0085 中 \\x1b ')).toBe('a\\x1b[31mred\\x1b[0m\\x0d\n\tb\\x00\\x07\\x7f\\u009b2J\\u0085 中 \\x1b ');
    const plain = '“引号”和 ASCII ~ text\n';
    expect(escapeControls(plain)).toBe(plain);
  });
  it('check and align --format tsv print sources without a raw control character', () => {
    const finding = { level: 'warning' as const, code: 'low-score', doc: 'd\x1b]0;t\x07', link: 0, sourceBlocks: [blockId(0)], targetBlocks: [blockId(0)], source: '中文\x1b[2J', target: 'Eng\rlish', message: 'm\u009b' };
    expect(formatFindings([finding], { docs: [] })).toBe(
      'd\\x1b]0;t\\x07: 0 errors, 1 warning, 0 notes\n  warning low-score         link 0 [0]:[0]: m\\u009b\n          zh: 中文\\x1b[2J\n          en: Eng\\x0dlish\n',
    );
    expect(formatTsv([{ source: [0], target: [0], score: 0.5 }], ['中\x1b[1m\t文'], ['a\x1b\nb'], { source: '', target: ' ' })).toBe('0\t0\t0.5000\t中\\x1b[1m 文\ta\\x1b b\n');
  });
  it('diff and tm lookup print sources and TMX without a raw control character; JSON stays exact', async () => {
    const zh = '# 标题\n\n这是一段中文。\n';
    const dir = fixture({ 'old/zh.md': zh, 'old/en.md': '# Title\n\nThis is some English.\n', 'new/zh.md': zh, 'new/en.md': '# Title\n\nThis is \x1b]0;pwned\x07 English.\n' });
    const diff = await bitext(['diff', join(dir, 'old'), join(dir, 'new')]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('en: This is [-some-]{+\\x1b]0;pwned\\x07+} English.');
    expect(diff.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    const tmx = join(dir, 'm.tmx');
    const memory = join(dir, 'm.sqlite');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(tmx, '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1" creationdate="20260304T050607Z"/><body>\n<tu><tuv xml:lang="zh-CN"><seg>我们明天去公园散步。</seg></tuv><tuv xml:lang="en"><seg>We walk\u009b2J in the park.</seg></tuv></tu>\n</body></tmx>\n');
    expect((await bitext(['tm', 'import', tmx, '--memory', memory])).code).toBe(0);
    const hit = await bitext(['tm', 'lookup', '我们明天去公园散步。', '--memory', memory]);
    expect(hit.stdout).toBe('100  我们明天去公园散步。\n     → We walk\\u009b2J in the park.  (imported TMX, 2026-03-04)\n');
    const json = await bitext(['tm', 'lookup', '我们明天去公园散步。', '--memory', memory, '--json']);
    expect(JSON.parse(json.stdout)[0].target).toBe('We walk\u009b2J in the park.');
  });
});
