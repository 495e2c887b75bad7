/**
 * Identity evidence for blocks (`blockIdentity`, `identicalBlocks` in pipeline/align/features.ts;
 * `StructureScorer` in pipeline/align/scorer.ts): blocks written alike in both languages link 1-1
 * whatever the length ratio of the prose around them.
 */
import { describe, expect, it } from 'vitest';
import { blockIdentity, identicalBlocks } from '../pipeline/align/features.ts';
import { alignSequences, type AlignUnit } from '../pipeline/align/index.ts';

// 40 lines of JSON: 1 + 38 entries + 1.
const json = ['{', ...Array.from({ length: 38 }, (_, k) => `  "option${k}": { "value": ${k * 7}, "enabled": ${k % 2 === 0} },`), '}'].join('\n');

describe('blockIdentity and identicalBlocks', () => {
  it('ignore whitespace and zero-width characters', () => {
    const x = blockIdentity('a = 1;\n  b = 2;', 'code')!;
    const y = blockIdentity('a\u200b = 1;\nb = 2;  ', 'code')!;
    expect(identicalBlocks(x, y)).toBe(true);
  });

  it('take code blocks differing in one line of ten (a translated comment) as identical, not in three of five', () => {
    const lines = Array.from({ length: 9 }, (_, k) => `call(${k});`);
    const zh = blockIdentity(['// 初始化', ...lines].join('\n'), 'code')!;
    const en = blockIdentity(['// initialise', ...lines].join('\n'), 'code')!;
    // Dice 2·9 / 20 = 0.9 ≥ 0.8.
    expect(identicalBlocks(zh, en)).toBe(true);
    const a = blockIdentity('// 一\n// 二\n// 三\nx();\ny();', 'code')!;
    const b = blockIdentity('// one\n// two\n// three\nx();\ny();', 'code')!;
    // Dice 2·2 / 10 = 0.4.
    expect(identicalBlocks(a, b)).toBe(false);
  });

  it('give other blocks an identity only for URLs and letterless text', () => {
    expect(blockIdentity('https://example.com/a b', 'paragraph')?.text).toBe('https://example.com/ab');
    expect(blockIdentity('1, 2, 3', 'paragraph')?.text).toBe('1,2,3');
    expect(blockIdentity('Ant Design', 'paragraph')).toBeUndefined();
    expect(blockIdentity('见 https://example.com', 'paragraph')).toBeUndefined();
  });
});

describe('a long code block identical in both documents', () => {
  const zh: AlignUnit[] = [
    { text: '配置', kind: 'heading', depth: 2 },
    { text: '组件的默认配置如下。', kind: 'paragraph' },
    { text: '你可以在项目中修改这些选项。', kind: 'paragraph' },
    { text: json, kind: 'code' },
    { text: '修改以后需要重新启动服务。', kind: 'paragraph' },
    { text: '更多信息请参阅文档。', kind: 'paragraph' },
  ];
  const en: AlignUnit[] = [
    { text: 'Configuration', kind: 'heading', depth: 2 },
    { text: 'The default configuration of the component is as follows.', kind: 'paragraph' },
    { text: 'You can change these options in your project.', kind: 'paragraph' },
    { text: json, kind: 'code' },
    { text: 'After a change, the service needs to be restarted.', kind: 'paragraph' },
    { text: 'See the documentation for more information.', kind: 'paragraph' },
  ];

  // The length model of a prose document (English about 3 characters per Chinese one, as fitted on
  // the prose of ../shared/corpus/docs-dev): under it two equally long blocks are far apart.
  const length = { ratio: 3, variance: 9 };

  it('links it 1-1, with confidence 1, and the paragraphs around it 1-1', () => {
    const links = alignSequences(zh, en, { granularity: 'block', length });
    expect(links.map((l) => [l.source, l.target])).toEqual([0, 1, 2, 3, 4, 5].map((k) => [[k], [k]]));
    expect(links[3].score).toBe(1);
  });
});
