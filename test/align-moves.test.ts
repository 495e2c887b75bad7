/**
 * Moved sections (issue 9, item 6; pipeline/align/moves.ts): a section the translator moved is
 * not silently paired by position — its links are marked and score low, and `check` names the
 * move. Invented documents for the shapes; docs-dev gold (gold.json of each ../shared/corpus/docs-dev folder)
 * for its crossing pairs, and real pairs without a move for false alarms.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignBitext, alignSequences, detectMoves } from '../pipeline/align/index.ts';
import { checkBitext, needsReview } from '../pipeline/check/index.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { loadDocument, segmentBlocks } from '../pipeline/segment/sentences.ts';
import { blockId, type Bitext, type Block, type BlockLink, type Document, type LanguageTag } from '../pipeline/types.ts';
import { parseGold, resolveGold } from '../bench/docs-gold.ts';
import { CORPUS } from './helpers/paths.ts';

function document(markdown: string, lang: LanguageTag): Document {
  const blocks = parseBlocks(markdown);
  return { file: `${lang}.md`, lang, blocks, segments: segmentBlocks(blocks, lang) };
}

const align = (zh: string[], en: string[]): Bitext => alignBitext('moved', document(zh.join('\n\n'), 'zh-Hans'), document(en.join('\n\n'), 'en'));
const moveFindings = (bitext: Bitext) => checkBitext(bitext).filter((f) => f.code === 'moved');

// Invented paragraphs: A (fruit), B1 B2 (railway), C (school), D (weather), E (park).
const ZH = {
  a: '苹果的价格在三月上涨到每公斤 12 元，香蕉的价格保持不变。',
  b1: '新铁路全长 480 公里，连接两座城市，预计 2031 年通车。',
  b2: '铁路公司将购买 35 列新火车，每列火车有八节车厢。',
  c: '这所学校有 1350 名学生和 96 名教师，图书馆藏书两万册。',
  d: '明天北方地区将有大雪，气温下降到零下 15 度。',
  e: '市长说，城市公园将在 7 月 4 日重新开放。',
};
const EN = {
  a: 'The price of apples rose to 12 yuan per kilogram in March, while the price of bananas stayed the same.',
  b1: 'The new railway is 480 kilometres long, links two cities and is expected to open in 2031.',
  b2: 'The railway company will buy 35 new trains, each with eight carriages.',
  c: 'The school has 1,350 students and 96 teachers, and its library holds twenty thousand books.',
  d: 'Tomorrow the northern region will have heavy snow, and the temperature will fall to minus 15 degrees.',
  e: 'The mayor said the city park would reopen on July 4.',
};

describe('a moved section of invented paragraphs', () => {
  // zh A B1 B2 C D E, en A C D B1 B2 E: the railway section (zh 1–2) is en 3–4, so zh 3–4 are en 1–2.
  // A monotonic search can keep one side of the crossing: it links the railway section (zh 1–2 with
  // en 3–4, two blocks each, the longer evidence) and leaves zh 3–4 and en 1–2 unlinked — a 1-0 and
  // a 0-1 on either side of it, which the detector pairs across the path.
  const bitext = align([ZH.a, ZH.b1, ZH.b2, ZH.c, ZH.d, ZH.e], [EN.a, EN.c, EN.d, EN.b1, EN.b2, EN.e]);

  it('links the railway section, leaves the school and weather paragraphs unlinked on both sides', () => {
    expect(bitext.links.map((l) => [l.source, l.target])).toEqual([
      [[0], [0]],
      [[], [1]],
      [[], [2]],
      [[1], [3]],
      [[2], [4]],
      [[3], []],
      [[4], []],
      [[5], [5]],
    ]);
  });

  it('names the move across the path: zh 3–4 are en 1–2', () => {
    expect(bitext.moves?.map((m) => [m.source, m.target])).toEqual([[[3, 4], [1, 2]]]);
  });

  it('the unlinked blocks need review; the links the search got right are not marked moved', () => {
    for (const link of bitext.links) {
      expect(link.moved).toBeUndefined();
      if (link.source.length === 0 || link.target.length === 0) expect(needsReview(link)).toBe(true);
    }
  });

  it('check gives one warning naming the moved blocks and where their translation is, instead of untranslated errors for them', () => {
    const findings = checkBitext(bitext);
    expect(moveFindings(bitext).map((f) => [f.level, f.message, f.sourceBlocks, f.targetBlocks])).toEqual([
      ['warning', 'zh blocks 3–4 likely moved: their translation is en blocks 1–2', [3, 4], [1, 2]],
    ]);
    expect(moveFindings(bitext)[0].source).toBe(`${ZH.c}\n${ZH.d}`);
    expect(findings.filter((f) => f.code === 'untranslated' || f.code === 'extra-target')).toEqual([]);
  });
});

describe('a moved paragraph whose place holds an English-only paragraph', () => {
  // zh A B1 C D E, en A X C D B1 E: the railway paragraph (zh 1) is en 4; at its place the English
  // has X, a note to readers with no Chinese counterpart. The search links C and D and leaves B1's
  // translation unlinked, pairing zh 1 with X by position (a loose 1-1 that would give the memory a
  // false unit and check a false number mismatch); the detector finds zh 1 at en 4 across the
  // path, so zh 1 and X are left unlinked: zh 1 moved, X an addition.
  const X = 'Readers are welcome to send their questions to the editors of this page.';
  const bitext = align([ZH.a, ZH.b1, ZH.c, ZH.d, ZH.e], [EN.a, X, EN.c, EN.d, EN.b1, EN.e]);

  it('leaves zh 1 and en 1 unlinked, every sentence of them too, and names the move zh 1 → en 4', () => {
    expect(bitext.links.map((l) => [l.source, l.target])).toEqual([
      [[0], [0]],
      [[1], []],
      [[], [1]],
      [[2], [2]],
      [[3], [3]],
      [[], [4]],
      [[4], [5]],
    ]);
    for (const link of [bitext.links[1], bitext.links[2]]) {
      expect(link.score).toBe(0);
      expect(link.sentences.every((s) => s.score === 0 && (s.source.length === 0) !== (s.target.length === 0))).toBe(true);
    }
    expect(bitext.moves?.map((m) => [m.source, m.target])).toEqual([[[1], [4]]]);
  });

  it('check: zh 1 moved, en 1 an addition, no finding pairing zh 1 with en 1', () => {
    const findings = checkBitext(bitext);
    expect(moveFindings(bitext).map((f) => [f.sourceBlocks, f.targetBlocks])).toEqual([[[1], [4]]]);
    expect(findings.filter((f) => f.code === 'extra-target').map((f) => f.targetBlocks)).toEqual([[1]]);
    expect(findings.filter((f) => f.sourceBlocks.includes(blockId(1)) && f.targetBlocks.includes(blockId(1)))).toEqual([]);
  });
});

describe('a moved section with its heading', () => {
  // zh: fruit, railway, school, weather (heading + paragraph each); en: fruit, school, weather, railway.
  const zh = ['# 水果市场', ZH.a, '# 铁路建设', ZH.b1, '# 学校教育', ZH.c, '# 天气预报', ZH.d];
  const en = ['# Fruit market', EN.a, '# School education', EN.c, '# Weather forecast', EN.d, '# Railway construction', EN.b1];

  it('the railway heading and paragraph (zh 2–3) are found at en 6–7', () => {
    const bitext = align(zh, en);
    expect(bitext.moves?.map((m) => [m.source, m.target])).toEqual([[[2, 3], [6, 7]]]);
    expect(moveFindings(bitext).map((f) => f.message)).toEqual(['zh blocks 2–3 likely moved: their translation is en blocks 6–7']);
  });

  it('the same document translated in order has no move', () => {
    const faithful = align(zh, ['# Fruit market', EN.a, '# Railway construction', EN.b1, '# School education', EN.c, '# Weather forecast', EN.d]);
    expect(faithful.moves).toEqual([]);
    expect(faithful.links.some((l) => l.moved)).toBe(false);
    expect(moveFindings(faithful)).toEqual([]);
  });
});

describe('real documents', () => {
  const docsDev = `${CORPUS}docs-dev/`;
  const load = (dir: string, name: string) => alignBitext(name, loadDocument(join(dir, 'zh.md')), loadDocument(join(dir, 'en.md')));
  /** Every moved pair of `bitext` as "zh→en" block ids. */
  const movedPairs = (bitext: Bitext) => (bitext.moves ?? []).flatMap((m) => m.source.map((i, k) => `${i}→${m.target[k]}`));
  const gold = (name: string, bitext: Bitext) =>
    resolveGold(parseGold(readFileSync(join(docsDev, name, 'gold.json'), 'utf8')), bitext.source.blocks.map((b) => b.text), bitext.target.blocks.map((b) => b.text));

  it('docs-dev antd-icon: the paragraph that swapped places with a code block (a gold crossing pair)', () => {
    const bitext = load(join(docsDev, 'antd-icon'), 'antd-icon');
    const links = gold('antd-icon', bitext);
    const paragraph = links.find((l) => l.zh.length === 1 && bitext.source.blocks[l.zh[0]!].text.startsWith('所有的图标都会以'))!;
    expect(movedPairs(bitext)).toEqual([`${paragraph.zh[0]}→${paragraph.en[0]}`]);
    expect(moveFindings(bitext)).toHaveLength(1);
  });

  it('docs-dev antd-introduce: of the swapped 所有组件/国内镜像 ↔ Components/China Mirrors, one is linked and the other found moved; every moved pair a gold link', () => {
    const bitext = load(join(docsDev, 'antd-introduce'), 'antd-introduce');
    const links = gold('antd-introduce', bitext);
    const goldPairs = new Set(links.filter((l) => l.zh.length === 1 && l.en.length === 1).map((l) => `${l.zh[0]}→${l.en[0]}`));
    const at = (text: string) => bitext.source.blocks.findIndex((b) => b.text === text);
    const components = links.find((l) => l.zh[0] === at('所有组件'))!;
    const mirrors = links.find((l) => l.zh[0] === at('国内镜像'))!;
    const found = movedPairs(bitext);
    const linked = bitext.links.filter((l) => l.source.length === 1 && l.target.length === 1).map((l) => `${l.source[0]}→${l.target[0]}`);
    expect(linked).toContain(`${components.zh[0]}→${components.en[0]}`);
    expect(found).toEqual([`${mirrors.zh[0]}→${mirrors.en[0]}`]);
    for (const pair of found) expect(goldPairs.has(pair)).toBe(true);
  });

  it.each(['antd-cases', 'antd-colors', 'antd-research-exception', 'echarts-dataset', 'echarts-event', 'echarts-import'])('docs-dev %s (no crossing in its gold): no move', (name) => {
    expect(load(join(docsDev, name), name).moves).toEqual([]);
  });

  it('zhongnanhai: no move', () => {
    const bitext = load(`${CORPUS}zhongnanhai`, 'zhongnanhai');
    expect(bitext.moves).toEqual([]);
    expect(moveFindings(bitext)).toEqual([]);
  });
});

describe('literature, one sentence a unit (MAC-dev)', () => {
  const dir = `${CORPUS}mac-dev/`;
  const lines = (file: string) => readFileSync(dir + file, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  /** Each sentence a paragraph block, so that the detector runs on the sentence alignment as on blocks. */
  const units = (texts: string[], lang: LanguageTag): Document => ({
    file: lang,
    lang,
    segments: [],
    blocks: texts.map((text, i): Block => ({ index: blockId(i), kind: 'paragraph', text, mdast: [{ type: 'text', value: text }], position: { line: i + 1, column: 1, endLine: i + 1, endColumn: text.length + 1 } })),
  });

  it('no move in any of the six chapters (their gold has no crossing)', () => {
    const docs = readdirSync(dir + 'gold').filter((f) => f.endsWith('.align')).map((f) => f.slice(0, -6));
    expect(docs).toHaveLength(6);
    for (const d of docs) {
      const zh = lines(`zh/${d}`);
      const en = lines(`en/${d}`);
      const links = alignSequences(zh.map((text) => ({ text })), en.map((text) => ({ text }))).map((l) => ({ ...l, sentences: [] }) as unknown as BlockLink);
      expect(detectMoves({ doc: d, source: units(zh, 'zh-Hans'), target: units(en, 'en'), links }).moves).toEqual([]);
    }
  });
});
