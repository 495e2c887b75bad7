/**
 * The length model of prose is fitted without code blocks, and a link of two code blocks has a model
 * of its own (`LengthModel.code`): code is copied, not translated, so its English/Chinese length
 * ratio is about 1, and a document heavy in code (API pages) would otherwise pull the fitted ratio of
 * its prose towards 1. A real vant page (Dialog) lost its first paragraphs that way: the long English
 * intro looked far too long for its Chinese, and the links shifted by one. An invented pair of the same
 * shape: prose at the top, then twenty examples each with a code block written alike on both sides.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { alignDocument } from '../pipeline/align/index.ts';
import { loadDocument } from '../pipeline/segment/index.ts';
import { fixture } from './helpers/fixtures.ts';

const code = (k: number) => '```js\n' + Array.from({ length: 6 + (k % 4) }, (_, i) => `showDialog({ title: 'T${k}', message: 'm${i}', width: ${100 + i * k} });`).join('\n') + '\n```';

function pair(): { zh: string; en: string } {
  const zh = ['# Dialog 弹出框', '### 介绍', '弹出模态框，常用于消息提示、消息确认，或在当前页面内完成特定的交互操作。支持组件调用和函数调用两种方式。', '### 引入', '通过以下方式来全局注册组件。', code(0)];
  const en = [
    '# Dialog',
    '### Intro',
    'A modal box pops up on the page, which is often used for message prompts, message confirmation, or to complete specific interactive operations in the current page. It supports two methods: component call and function call.',
    '### Install',
    'Register the component globally as follows.',
    code(0),
  ];
  for (let k = 1; k <= 20; k++) {
    zh.push(`### 示例${k}`, '用于提示一些消息。', code(k));
    en.push(`### Example ${k}`, 'Used to show a message.', code(k));
  }
  return { zh: zh.join('\n\n') + '\n', en: en.join('\n\n') + '\n' };
}

describe('length model of a document heavy in code', () => {
  it('links every block to its counterpart, the prose at the top included', () => {
    const { zh, en } = pair();
    const dir = fixture({ 'zh.md': zh, 'en.md': en });
    const { blockLinks } = alignDocument(loadDocument(join(dir, 'zh.md')), loadDocument(join(dir, 'en.md')));
    // Written block for block: 6 + 20 × 3 = 66 blocks a side, block k ↔ block k.
    expect(blockLinks.map((l) => [l.source, l.target])).toEqual(Array.from({ length: 66 }, (_, k) => [[k], [k]]));
  });
});
