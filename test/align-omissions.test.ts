/**
 * Omissions, additions and notes at block level (issue 9, items 1 and 7): blocks with no
 * counterpart stand alone as 1-0 / 0-1 instead of being merged into a neighbour's link, and
 * `check` does not call a note, byline or end marker an untranslated error. The documents are
 * invented; each answer is worked out by reading the two texts.
 */
import { describe, expect, it } from 'vitest';
import { alignBitext } from '../pipeline/align/index.ts';
import { checkBitext } from '../pipeline/check/check.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import { isNoteBlock } from '../pipeline/text/index.ts';
import type { Bitext, Document } from '../pipeline/types.ts';

function documentOf(markdown: string, lang: string, file: string): Document {
  const blocks = parseBlocks(markdown, file);
  return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
}
const align = (zh: string[], en: string[]): Bitext => alignBitext('doc', documentOf(zh.join('\n\n'), 'zh-Hans', 'zh.md'), documentOf(en.join('\n\n'), 'en', 'en.md'));
const shape = (bitext: Bitext) => bitext.links.map((l) => [l.source, l.target]);

describe('a paragraph dropped right after a paragraph the translator split', () => {
  // zh 3 (六点钟…) is split in two English paragraphs (en 3, en 4); zh 4 (店里的面包…) is not translated.
  const zh = [
    '# 小镇的面包店',
    '老王在小镇上开了一家面包店，已经二十年了。',
    '每天清晨五点，他就起床准备面粉、鸡蛋和牛奶。',
    '六点钟，他打开了店门。他先把烤箱预热到两百度，然后开始揉面。',
    '店里的面包每天都卖得很快，常常不到中午就卖完了，附近的学生和工人都喜欢来这里买早饭。',
    '七点钟，第一批顾客走进了店里。',
    '下午，老王会去河边散步，和朋友们下棋。',
  ];
  const en = [
    '# The Bakery in the Small Town',
    'Lao Wang has run a bakery in the small town for twenty years.',
    'Every morning at five o’clock he gets up to prepare flour, eggs and milk.',
    'At six o’clock he opened the door of the shop.',
    'He first heated the oven to two hundred degrees, then began to knead the dough.',
    'At seven o’clock, the first customers walked into the shop.',
    'In the afternoon, Lao Wang takes a walk by the river and plays chess with his friends.',
  ];
  const bitext = align(zh, en);

  it('links the split paragraph 1-2, the dropped one 1-0, and every later paragraph with its own translation', () => {
    expect(shape(bitext)).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2], [2]],
      [[3], [3, 4]],
      [[4], []],
      [[5], [5]],
      [[6], [6]],
    ]);
  });

  it('check reports the dropped paragraph as untranslated', () => {
    const errors = checkBitext(bitext).filter((f) => f.level === 'error');
    expect(errors.map((f) => [f.code, f.sourceBlocks])).toEqual([['untranslated', [4]]]);
  });
});

describe("a translator's note only in the English", () => {
  const bitext = align(
    ['# 旅行', '我们在北京住了三天。', '第二天我们去了长城。'],
    ['# Travel', 'We stayed in Beijing for three days.', "(Translator's note: the Great Wall near Beijing is usually visited at Badaling.)", 'On the second day we went to the Great Wall.'],
  );

  it('stands alone as 0-1, not merged into the paragraph before it', () => {
    expect(shape(bitext)).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[], [2]],
      [[2], [3]],
    ]);
  });

  it('is a note for check, not an extra-target warning', () => {
    const findings = checkBitext(bitext).filter((f) => f.link === 2);
    expect(findings.map((f) => [f.level, f.code])).toEqual([['info', 'note']]);
  });
});

describe('an end marker only in the Chinese', () => {
  const bitext = align(
    ['# 新闻', '今天上午，市政府召开了新闻发布会。', '发布会介绍了新的交通计划。', '（完）'],
    ['# News', 'This morning the city government held a press conference.', 'The conference presented the new transport plan.'],
  );

  it('stands alone as 1-0, not merged into the last paragraph', () => {
    expect(shape(bitext)).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2], [2]],
      [[3], []],
    ]);
  });

  it('is no untranslated error for check', () => {
    const findings = checkBitext(bitext);
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(findings.filter((f) => f.link === 3).map((f) => [f.level, f.code])).toEqual([['info', 'note']]);
  });
});

describe('isNoteBlock', () => {
  it("finds translator's and editor's notes, bylines and end markers", () => {
    for (const text of [
      "(Translator's note: the wall is older.)",
      'Translator’s note: the wall is older.',
      "Editor's note",
      '译者注：这座城墙更古老。',
      '（译注：城墙更古老。）',
      '编者按：本文有删节。',
      '（本段为编者注。）',
      '本报记者 李明',
      '作者：王芳',
      'By Jane Doe and John Roe',
      '（完）',
      '(完)',
      '【完】',
      '(End)',
    ]) expect(isNoteBlock(text), text).toBe(true);
  });

  it('leaves prose that merely mentions an author, an editor or an end alone', () => {
    for (const text of [
      'By the end of the year, sales had doubled.',
      'The editor noted that sales rose.',
      '作者认为这个方法很好。',
      '记者问他为什么。',
      '我们完成了。',
      'The End of History is a book.',
    ]) expect(isNoteBlock(text), text).toBe(false);
  });
});
