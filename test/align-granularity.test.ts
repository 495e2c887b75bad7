import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { alignBitext, matchGranularity } from '../pipeline/align/index.ts';
import { loadDocument } from '../pipeline/segment/index.ts';
import { fixture } from './helpers/fixtures.ts';
import { bitext } from './helpers/cli.ts';

// Hand-written short texts: four Chinese paragraphs and their translation, one English paragraph each.
const ZH = ['今天天气很好。我们去公园散步。', '公园里有很多花。红的、黄的、白的都有。', '孩子们在草地上玩耍。他们笑得很开心。', '傍晚我们回家了。'];
const EN = [
  'The weather is fine today. We go for a walk in the park.',
  'There are many flowers in the park. Red, yellow and white ones.',
  'Children play on the grass. They laugh happily.',
  'In the evening we went home.',
];
/** The right block links, worked out by hand: paragraph k with paragraph k. */
const ONE_TO_ONE = (n: number) => Array.from({ length: n }, (_, k) => ({ source: [k], target: [k] }));

function align(files: Record<string, string>, zh: string, en: string) {
  const dir = fixture(files);
  const warnings: string[] = [];
  const result = alignBitext('doc', loadDocument(join(dir, zh)), loadDocument(join(dir, en)), { onWarning: (w) => warnings.push(w) });
  return { bitext: result, warnings, links: result.links.map((l) => ({ source: l.source, target: l.target })) };
}

describe('granularity: one paragraph a line against blank-line paragraphs', () => {
  it('English .txt one paragraph per line: split into lines, four 1-1 links, a warning naming the file', () => {
    const { bitext: b, warnings, links } = align({ 'zh.txt': ZH.join('\n\n') + '\n', 'en.txt': EN.join('\n') + '\n' }, 'zh.txt', 'en.txt');
    expect(links).toEqual(ONE_TO_ONE(4));
    expect(b.target.blocks.map((x) => x.text)).toEqual(EN);
    // Line k of en.txt (1-based) is English block k - 1.
    expect(b.target.blocks.map((x) => [x.position.line, x.position.endLine])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(b.target.segments.map((s) => s.block)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect(warnings).toEqual([expect.stringMatching(/en\.txt: warning: 1 paragraph of 4 lines read as 4 paragraphs \(single line breaks/)]);
  });

  it('English .md of soft line breaks under a heading: split, emphasis kept, heading with heading', () => {
    const en = `# A day in the park\n\n${EN[0]}\n*${EN[1]}*\n${EN[2]}\n${EN[3]}\n`;
    const zh = `# 公园的一天\n\n${ZH.join('\n\n')}\n`;
    const { bitext: b, warnings, links } = align({ 'zh.md': zh, 'en.md': en }, 'zh.md', 'en.md');
    expect(links).toEqual(ONE_TO_ONE(5));
    expect(b.target.blocks.map((x) => x.position.line)).toEqual([1, 3, 4, 5, 6]);
    expect(b.target.blocks[2].mdast).toMatchObject([{ type: 'emphasis', children: [{ type: 'text', value: EN[1] }] }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('en.md: warning: 1 paragraph of 4 lines read as 4 paragraphs');
  });

  it('the reverse: Chinese one paragraph per line against blank-line English', () => {
    const { bitext: b, warnings, links } = align({ 'zh.txt': ZH.join('\n') + '\n', 'en.txt': EN.join('\n\n') + '\n' }, 'zh.txt', 'en.txt');
    expect(links).toEqual(ONE_TO_ONE(4));
    expect(b.source.blocks.map((x) => x.text)).toEqual(ZH);
    expect(warnings[0]).toContain('zh.txt: warning: 1 paragraph of 4 lines');
  });

  it('bitext align tells the warning on stderr and links 1-1', async () => {
    const dir = fixture({ 'zh.txt': ZH.join('\n\n') + '\n', 'en.txt': EN.join('\n') + '\n' });
    const { code, stdout, stderr } = await bitext(['align', join(dir, 'zh.txt'), join(dir, 'en.txt'), '--format', 'align']);
    expect(code).toBe(0);
    expect(stdout).toBe('[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n');
    expect(stderr).toContain('en.txt: warning: 1 paragraph of 4 lines read as 4 paragraphs');
  });

  it('bitext build and bitext check tell it too, and the memory gets the four paragraph pairs', async () => {
    const root = fixture({ 'src/park/zh.txt': ZH.join('\n\n') + '\n', 'src/park/en.txt': EN.join('\n') + '\n' });
    const built = await bitext(['build', join(root, 'src'), join(root, 'out'), '--json']);
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('en.txt: warning: 1 paragraph of 4 lines read as 4 paragraphs');
    // Four 1-1 block links, each of two sentences but the last: 4 block units + 7 sentence units,
    // less one: the last paragraph is one sentence, so its block and sentence units are one pair.
    expect(JSON.parse(built.stdout)).toMatchObject({ documents: [{ doc: 'park', blockLinks: 4, segmentLinks: 7 }], unitsAdded: 10 });
    const checked = await bitext(['check', join(root, 'src')]);
    expect(checked.stderr).toContain('en.txt: warning: 1 paragraph of 4 lines read as 4 paragraphs');
  });
});

describe('granularity: plain text one paragraph a line on both sides', () => {
  it('both .txt sides split on their own: a title line and four paragraphs each, five 1-1 links, a warning per side', () => {
    // Each side's line breaks follow a title (公园的一天: 5 Han; A day in the park: 5 words) or a
    // sentence end (。/.): 4 of 4, so each side is five paragraphs, paired in order.
    const { bitext: b, warnings, links } = align({ 'zh.txt': ['公园的一天', ...ZH].join('\n') + '\n', 'en.txt': ['A day in the park', ...EN].join('\n') + '\n' }, 'zh.txt', 'en.txt');
    expect(links).toEqual(ONE_TO_ONE(5));
    expect(b.source.blocks.map((x) => x.text)).toEqual(['公园的一天', ...ZH]);
    expect(b.target.blocks.map((x) => x.text)).toEqual(['A day in the park', ...EN]);
    expect(b.target.blocks.map((x) => x.position.line)).toEqual([1, 2, 3, 4, 5]);
    expect(warnings).toEqual([
      expect.stringMatching(/zh\.txt: warning: 1 paragraph of 5 lines read as 5 paragraphs \(single line breaks in plain text/),
      expect.stringMatching(/en\.txt: warning: 1 paragraph of 5 lines read as 5 paragraphs \(single line breaks in plain text/),
    ]);
  });

  it('the same text as .md is left to the mismatch rule: one block a side, no warning', () => {
    const dir = fixture({ 'zh.md': ['公园的一天', ...ZH].join('\n') + '\n', 'en.md': ['A day in the park', ...EN].join('\n') + '\n' });
    const result = matchGranularity(loadDocument(join(dir, 'zh.md')), loadDocument(join(dir, 'en.md')));
    expect(result.warnings).toEqual([]);
    expect([result.source.blocks.length, result.target.blocks.length]).toEqual([1, 1]);
  });

  it('.txt hard-wrapped mid-sentence on both sides: nothing split', () => {
    // One break in four follows a short line without punctuation (In the evening we / 傍晚我们), none a
    // sentence end: 1/4 is under the 0.6 needed.
    const en = ['The weather is fine today. We go for a\nwalk in the park.', 'There are many flowers in the park. Red,\nyellow and white ones.', 'Children play on the grass. They laugh\nhappily.', 'In the evening we\nwent home.'];
    const zh = ['今天天气很好。我们去公\n园散步。', '公园里有很多花。红的、\n黄的、白的都有。', '孩子们在草地上玩耍。他\n们笑得很开心。', '傍晚我们\n回家了。'];
    const dir = fixture({ 'zh.txt': zh.join('\n\n') + '\n', 'en.txt': en.join('\n\n') + '\n' });
    const result = matchGranularity(loadDocument(join(dir, 'zh.txt')), loadDocument(join(dir, 'en.txt')));
    expect(result.warnings).toEqual([]);
    expect([result.source.blocks.length, result.target.blocks.length]).toEqual([4, 4]);
  });
});

describe('granularity: hard-wrapped prose is left alone', () => {
  // The English paragraphs wrapped mid-sentence, as an editor wraps at a fixed width.
  const wrapped = [
    'The weather is fine today. We go for a\nwalk in the park.',
    'There are many flowers in the park. Red,\nyellow and white ones.',
    'Children play on the grass. They laugh\nhappily.',
    'In the evening we\nwent home.',
  ];
  it('both sides hard-wrapped, the same paragraphs: nothing split, no warning, four 1-1 links', () => {
    const zhWrapped = ['今天天气很好。我们去公\n园散步。', '公园里有很多花。红的、\n黄的、白的都有。', '孩子们在草地上玩耍。他\n们笑得很开心。', '傍晚我们\n回家了。'];
    const { bitext: b, warnings, links } = align({ 'zh.md': zhWrapped.join('\n\n') + '\n', 'en.md': wrapped.join('\n\n') + '\n' }, 'zh.md', 'en.md');
    expect(warnings).toEqual([]);
    expect(b.target.blocks).toHaveLength(4);
    expect(links).toEqual(ONE_TO_ONE(4));
  });

  it('English with half the paragraphs, wrapped mid-sentence: the mismatch alone does not split it', () => {
    // The translator joined paragraphs two by two; the lines would match the Chinese in number,
    // but they end mid-sentence, so they are wrapped prose, not one paragraph a line.
    const en = [`${EN[0]} There are\nmany flowers in the park. Red, yellow and white ones.`, `${EN[2]} In the\nevening we went home.`];
    const dir = fixture({ 'zh.md': ZH.join('\n\n') + '\n', 'en.md': en.join('\n\n') + '\n' });
    const result = matchGranularity(loadDocument(join(dir, 'zh.md')), loadDocument(join(dir, 'en.md')));
    expect(result.warnings).toEqual([]);
    expect(result.target.blocks).toHaveLength(2);
  });
});

describe('granularity: <br>-separated lines against list items', () => {
  it('a Chinese paragraph of <br> lines against four English list items: split at each <br>, four 1-1 links, the warning says <br>', () => {
    const zh = ZH.map((p, k) => (k === 0 ? p : `<br>${p}`)).join('') + '\n';
    const en = EN.map((p) => `- ${p}`).join('\n') + '\n';
    const { bitext: b, warnings, links } = align({ 'zh.md': zh, 'en.md': en }, 'zh.md', 'en.md');
    expect(links).toEqual(ONE_TO_ONE(4));
    expect(b.source.blocks.map((x) => x.text)).toEqual(ZH);
    // Each line's inline content is its text alone: no <br> left over for the edition to show.
    expect(b.source.blocks.map((x) => x.mdast.map((n) => n.type))).toEqual([['text'], ['text'], ['text'], ['text']]);
    expect(warnings).toEqual([expect.stringMatching(/zh\.md: warning: 1 paragraph of 4 lines read as 4 paragraphs \(<br> line breaks, 3 lines or more\)$/)]);
  });

  // Hand-written after a real page (a `1、…<br />` paragraph against a Markdown list of the same
  // items): every other block matches one for one, so the block counts alone (5 against 9) never
  // called for a split, and the items are no sentences.
  const ZH_ITEMS = ['1、快速启动', '2、插件系统', '3、按需加载', '4、国际化支持', '5、服务端渲染'];
  const EN_ITEMS = ['Fast startup', 'Plugin system', 'Load on demand', 'Internationalization', 'Server-side rendering'];
  const BR_ZH = `# 功能列表\n\n我们支持以下功能：\n\n${ZH_ITEMS.map((x) => `${x}<br />`).join('\n')}\n\n以上就是全部功能。\n`;
  const BR_EN = `# Feature list\n\nWe support the following features:\n\n${EN_ITEMS.map((x, k) => `${k + 1}. ${x}<br />`).join('\n')}\n\nThat is all of the features.\n`;

  it('a Chinese 1、…<br /> paragraph against an English numbered list: one block a line, each item 1-1, the paragraph after it with its translation', () => {
    const { bitext: b, warnings, links } = align({ 'zh.md': BR_ZH, 'en.md': BR_EN }, 'zh.md', 'en.md');
    // Heading, lead-in, five items, closing paragraph: eight blocks a side, block k with block k.
    expect(links).toEqual(ONE_TO_ONE(8));
    expect(b.source.blocks.slice(2, 7).map((x) => x.text)).toEqual(ZH_ITEMS);
    // Item k is on line 5 + k of zh.md; the closing paragraph on line 11.
    expect(b.source.blocks.slice(2).map((x) => x.position.line)).toEqual([5, 6, 7, 8, 9, 11]);
    expect(b.source.blocks[7].text).toBe('以上就是全部功能。');
    expect(warnings).toEqual([expect.stringMatching(/zh\.md: warning: 1 paragraph of 5 lines read as 5 paragraphs \(<br> line breaks, 3 lines or more\)$/)]);
  });

  it('two <br> lines, or three lines of which one break is a bare newline, stay one paragraph', () => {
    const zh = '# 标题\n\n第一行。<br />第二行。\n\n甲。<br />\n乙。\n丙。\n';
    const en = '# Title\n\nLine one. Line two.\n\nA. B. C.\n';
    const { bitext: b, warnings } = align({ 'zh.md': zh, 'en.md': en }, 'zh.md', 'en.md');
    expect(b.source.blocks.map((x) => x.text)).toEqual(['标题', '第一行。\n第二行。', '甲。\n\n乙。\n丙。']);
    expect(warnings).toEqual([]);
  });
});
