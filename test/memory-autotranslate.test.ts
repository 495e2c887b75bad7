/**
 * Auto-translatables (pipeline/memory/autotranslate.ts): numbers, dates and Latin names carried
 * from the query into a fuzzy hit's target, or named when they cannot be. Every expected target
 * is the hit's target rewritten by hand; the first case is issue 13's example.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUnits, closeMemory, openMemory } from '../pipeline/memory/index.ts';
import { numbersNote, substitute } from '../pipeline/memory/autotranslate.ts';
import { pretranslate } from '../pipeline/memory/pretranslate.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import type { Document, TranslationUnit } from '../pipeline/types.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

const zhEn = (query: string, source: string, target: string) => substitute(query, source, target, 'zh-Hans', 'en');

const SHENZHEN = {
  query: '新华社深圳6月28日电 深圳地铁16号线全长29.2公里，共设24座车站。',
  source: '新华社深圳3月18日电 深圳地铁14号线全长50.3公里，共设18座车站。',
  target: 'SHENZHEN, March 18 (Xinhua) -- Shenzhen Metro Line 14 is 50.3 kilometers long with 18 stations.',
  draft: 'SHENZHEN, June 28 (Xinhua) -- Shenzhen Metro Line 16 is 29.2 kilometers long with 24 stations.',
};

describe('substitute', () => {
  it("carries a date and three numbers into the hit's target (issue 13)", () => {
    const r = zhEn(SHENZHEN.query, SHENZHEN.source, SHENZHEN.target);
    expect(r.text).toBe(SHENZHEN.draft);
    expect(r.unresolved).toEqual([]);
    expect(r.substitutions.map((s) => [s.from, s.to, SHENZHEN.query.slice(s.sourceSpan.start, s.sourceSpan.end), r.text.slice(s.targetSpan.start, s.targetSpan.end)])).toEqual([
      ['3月18日', '6月28日', '6月28日', 'June 28'],
      ['14', '16', '16', '16'],
      ['50.3', '29.2', '29.2', '29.2'],
      ['18', '24', '24', '24'],
    ]);
    expect(numbersNote(r)).toBe('numbers substituted');
  });

  it('dates and years, both ways; a month keeps its form', () => {
    expect(zhEn('2024年6月28日开幕。', '2023年3月18日开幕。', 'It opened on March 18, 2023.').text).toBe('It opened on June 28, 2024.');
    expect(substitute('It opened on June 28.', 'It opened on March 18.', '3月18日开幕。', 'en', 'zh-Hans').text).toBe('6月28日开幕。');
    // an abbreviated month stays abbreviated; May has no abbreviation, so no period
    expect(zhEn('10月1日起施行。', '9月1日起施行。', 'Effective Sept. 1.').text).toBe('Effective Oct. 1.');
    expect(zhEn('5月1日起施行。', '9月1日起施行。', 'Effective Sept. 1.').text).toBe('Effective May 1.');
    // the day keeps its place and suffix; a zero-padded date stays padded (its year is a number of its own)
    expect(zhEn('6月28日开幕', '3月18日开幕', 'opened on 18 March').text).toBe('opened on 28 June');
    expect(zhEn('6月28日开幕', '3月18日开幕', 'opened on March 18th').text).toBe('opened on June 28th');
    expect(zhEn('2022-01-08发布', '2021-12-08发布', 'released on 2021-12-08').text).toBe('released on 2022-01-08');
    // a percentage is written as it is read; a clock time is not rewritten but named
    expect(zhEn('增长了30%', '增长了25%', 'grew by 25%').text).toBe('grew by 30%');
    expect(zhEn('下午3点开会', '上午10点开会', 'meeting at 10 a.m.').unresolved).toEqual([{ from: '上午10点', to: '下午3点', reason: 'cannot write' }]);
  });

  it('decimals and thousands separators, scale words and ordinal suffixes', () => {
    // grouped as the query writes it
    expect(zhEn('重1,234.5吨', '重987.6吨', 'weighs 987.6 tonnes').text).toBe('weighs 1,234.5 tonnes');
    // grouped as the target writes it
    expect(zhEn('重12345.5吨', '重2,345.5吨', 'weighs 2,345.5 tonnes').text).toBe('weighs 12,345.5 tonnes');
    // the query's decimals are kept
    expect(zhEn('全长29.20公里', '全长50.3公里', '50.3 kilometers long').text).toBe('29.20 kilometers long');
    // 1320万 = 13,200,000 = 13.2 million; 13.2万 = 132,000
    expect(zhEn('人口1320万', '人口1260万', 'a population of 12.6 million').text).toBe('a population of 13.2 million');
    expect(zhEn('人口13.2万', '人口12.6万', 'a population of 126,000').text).toBe('a population of 132,000');
    expect(zhEn('获得第22名', '获得第21名', 'came 21st').text).toBe('came 22nd');
  });

  it('reads Chinese numerals in the query (十六, 两)', () => {
    expect(zhEn('深圳地铁十六号线', '深圳地铁十四号线', 'Shenzhen Metro Line 14').text).toBe('Shenzhen Metro Line 16');
    expect(zhEn('共有两条线路。', '共有3条线路。', 'There are 3 lines.').text).toBe('There are 2 lines.');
  });

  it('substitutes Latin names in a Chinese source', () => {
    const r = zhEn('苹果发布了iPad。', '苹果发布了iPhone。', 'Apple launched the iPhone.');
    expect(r.text).toBe('Apple launched the iPad.');
    expect(r.substitutions).toEqual([{ kind: 'name', from: 'iPhone', to: 'iPad', sourceSpan: { start: 5, end: 9 }, targetSpan: { start: 19, end: 23 } }]);
    expect(zhEn('苹果发布了iPhone 15。', '苹果发布了iPhone 14。', 'Apple launched the iPhone 14.').text).toBe('Apple launched the iPhone 15.');
  });

  it('a value found twice in the target is not substituted but named', () => {
    const target = 'Metro Line 14 opened; Line 14 runs east.';
    const r = zhEn('地铁16号线开通。', '地铁14号线开通。', target);
    expect(r).toEqual({ text: target, substitutions: [], unresolved: [{ from: '14', to: '16', reason: 'ambiguous' }] });
    expect(numbersNote(r)).toBe('numbers differ: 14 → 16');
  });

  it('a number the target writes in words, or does not have, is named', () => {
    expect(zhEn('两座车站', '三座车站', 'three stations').unresolved).toEqual([{ from: '三', to: '两', reason: 'cannot write' }]);
    expect(zhEn('共设24座车站', '共设18座车站', 'with a dozen stations').unresolved).toEqual([{ from: '18', to: '24', reason: 'not in target' }]);
  });

  it('when the words differ too, nothing is substituted and the numbers that differ are named', () => {
    const target = '50.3 kilometers long with 18 stations';
    const r = zhEn('全长29.2公里，共设24座车站', '总长50.3公里，设18个车站', target);
    expect(r).toEqual({
      text: target,
      substitutions: [],
      unresolved: [{ from: '50.3', to: '29.2', reason: 'words differ' }, { from: '18', to: '24', reason: 'words differ' }],
    });
    expect(numbersNote(r)).toBe('numbers differ: 50.3 → 29.2, 18 → 24');
    // an English source has no name placeables: a different word is a different text
    expect(substitute('Apple launched the iPad.', 'Apple launched the iPhone.', '苹果发布了iPhone。', 'en', 'zh-Hans')).toEqual({ text: '苹果发布了iPhone。', substitutions: [], unresolved: [] });
  });

  describe('technical tokens are one value each (pipeline/text/technical.ts)', () => {
    it("a version is substituted whole, never digit by digit (the fresh user's report)", () => {
      // 1.2.0 → 2.0.1 whole (source 2–7, 版本 before it); 10 → 12 as a number; nothing left to name.
      const query = '版本2.0.1支持12个新组件。';
      const r = zhEn(query, '版本1.2.0支持10个新组件。', 'Version 1.2.0 supports 10 new components.');
      expect(r.text).toBe('Version 2.0.1 supports 12 new components.');
      expect(r.substitutions).toEqual([
        { kind: 'technical', from: '1.2.0', to: '2.0.1', sourceSpan: { start: 2, end: 7 }, targetSpan: { start: 8, end: 13 } },
        { kind: 'number', from: '10', to: '12', sourceSpan: { start: 9, end: 11 }, targetSpan: { start: 23, end: 25 } },
      ]);
      expect(r.unresolved).toEqual([]);
      expect(numbersNote(r)).toBe('numbers substituted');
    });

    it('a version found twice in the target is named as one value, not substituted', () => {
      const target = 'Version 1.2.0 supports 10 new components (1.2.0 is the LTS).';
      const r = zhEn('版本2.0.1支持12个新组件。', '版本1.2.0支持10个新组件。', target);
      expect(r.text).toBe('Version 1.2.0 supports 12 new components (1.2.0 is the LTS).');
      expect(r.unresolved).toEqual([{ from: '1.2.0', to: '2.0.1', reason: 'ambiguous' }]);
      expect(numbersNote(r)).toBe('numbers substituted; numbers differ: 1.2.0 → 2.0.1');
    });

    it('a pre-release version and an IP address are substituted whole', () => {
      expect(zhEn('请升级到v3.9.0-beta.2。', '请升级到v3.9.0-beta.1。', 'Upgrade to v3.9.0-beta.1.').text).toBe('Upgrade to v3.9.0-beta.2.');
      const ip = zhEn('服务器地址是192.168.1.20。', '服务器地址是192.168.1.10。', 'The server address is 192.168.1.10.');
      expect(ip.text).toBe('The server address is 192.168.1.20.');
      expect(ip.substitutions.map((s) => [s.kind, s.from, s.to])).toEqual([['technical', '192.168.1.10', '192.168.1.20']]);
      // an English source's tokens are placeables too
      expect(substitute('Connect to 10.0.0.2 first.', 'Connect to 10.0.0.1 first.', '先连接10.0.0.1。', 'en', 'zh-Hans').text).toBe('先连接10.0.0.2。');
    });

    it('an identifier (UTF-8 → UTF-16) is substituted whole, like a name', () => {
      const r = zhEn('文件使用UTF-16编码。', '文件使用UTF-8编码。', 'The file is encoded in UTF-8.');
      expect(r.text).toBe('The file is encoded in UTF-16.');
      expect(r.substitutions).toEqual([{ kind: 'technical', from: 'UTF-8', to: 'UTF-16', sourceSpan: { start: 4, end: 10 }, targetSpan: { start: 23, end: 29 } }]);
      expect(r.unresolved).toEqual([]);
    });

    it('a token the target lacks is named whole; when the words differ a token is named beside the numbers', () => {
      expect(zhEn('请升级到2.0.1。', '请升级到1.2.0。', 'Upgrade to the latest release.').unresolved).toEqual([{ from: '1.2.0', to: '2.0.1', reason: 'not in target' }]);
      // 1.2 is a number, 2.0.1 a version: the shapes differ, so the pairs are named in text order.
      expect(zhEn('版本2.0.1新增了3个组件。', '版本1.2支持10个组件。', 'Version 1.2 supports 10 components.').unresolved).toEqual([
        { from: '1.2', to: '2.0.1', reason: 'words differ' },
        { from: '10', to: '3', reason: 'words differ' },
      ]);
    });
  });
});

const unit = (source: string, target: string): TranslationUnit => ({ source, target, sourceLang: 'zh-Hans', targetLang: 'en', origin: null, score: null, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z', usage: 0 });
const UNITS = [unit(SHENZHEN.source, SHENZHEN.target), unit('这条线路总长50.3公里，设18个车站。', 'The line is 50.3 kilometers long with 18 stations.')];
const markdown = `${SHENZHEN.query}\n\n这条线路全长29.2公里，设24个车站。\n`;

describe('pretranslate with auto-translatables', () => {
  it('the draft carries the substituted target with its fuzzy score; the report counts the segments', () => {
    const m = openMemory(':memory:');
    addUnits(m, UNITS);
    const blocks = parseBlocks(markdown, 'new.md');
    const document: Document = { file: 'new.md', lang: 'zh-Hans', blocks, segments: segmentBlocks(blocks, 'zh-Hans') };
    const result = pretranslate(m, document);
    // Shenzhen: the same tokens (numbers are one token), character distance ≥ 5 → 95.
    // Second: 15 tokens each (这条线路全长 6, 29 and 2 two number tokens, 公里 2, 设 1, 24 1, 个车站 3),
    // 全/总 the one token that differs → ⌊100·14/15⌋ = 93.
    expect(result.segments.map((s) => s.score)).toEqual([95, 93]);
    expect(result.draft).toBe(
      `[fuzzy 95%, numbers substituted] ${SHENZHEN.draft}\n\n` +
      `[fuzzy 93%, numbers differ: 50.3 → 29.2, 18 → 24] The line is 50.3 kilometers long with 18 stations.\n`,
    );
    expect(result.report.numbers).toEqual({ substituted: 1, differ: 1 });
    expect(result.report.bands.find((b) => b.band === '95-99')?.segments).toBe(1);
    closeMemory(m);
  });

  it("the draft of a fresh user's version sentence carries the version whole", () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('版本1.2.0支持10个新组件。', 'Version 1.2.0 supports 10 new components.')]);
    const blocks = parseBlocks('版本2.0.1支持12个新组件。\n', 'new.md');
    const document: Document = { file: 'new.md', lang: 'zh-Hans', blocks, segments: segmentBlocks(blocks, 'zh-Hans') };
    const result = pretranslate(m, document);
    // Same content tokens; character distance 1.2.0 → 2.0.1 three substitutions + 10 → 12 one = 4 → 96.
    expect(result.draft).toBe('[fuzzy 96%, numbers substituted] Version 2.0.1 supports 12 new components.\n');
    expect(result.report.numbers).toEqual({ substituted: 1, differ: 0 });
    closeMemory(m);
  });

  it('bitext pretranslate prints the two counts and gives them in --json', async () => {
    const dir = fixture({ 'new.md': markdown });
    const m = openMemory(join(dir, 'tm.sqlite'));
    addUnits(m, UNITS);
    closeMemory(m);
    const args = ['pretranslate', join(dir, 'new.md'), '--memory', join(dir, 'tm.sqlite'), '--out', join(dir, 'draft.md')];
    const text = await bitext(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('numbers substituted in 1 fuzzy segment(s); numbers that differ named in 1\n');
    expect(readFileSync(join(dir, 'draft.md'), 'utf8')).toContain(`[fuzzy 95%, numbers substituted] ${SHENZHEN.draft}`);
    const json = await bitext([...args, '--json']);
    expect(JSON.parse(json.stdout).numbers).toEqual({ substituted: 1, differ: 1 });
  });
});
