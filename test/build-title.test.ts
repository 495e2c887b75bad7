/**
 * The title of a document without a heading or front-matter title: its folder's name, on its
 * edition and in the document list — not its first paragraph, which the edition shows as text.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

const FIRST_ZH = '今天我们讨论翻译记忆。';
const FIRST_EN = 'Today we discuss translation memory.';

describe('build: the title of a .txt pair without a heading', () => {
  it('is the folder name on the edition and in the list; the first paragraph is shown once, as text', async () => {
    const root = fixture({
      'src/notes/zh.txt': `${FIRST_ZH}\n\n翻译记忆可以帮助译者。\n`,
      'src/notes/en.txt': `${FIRST_EN}\n\nA translation memory helps translators.\n`,
    });
    const built = await bitext(['build', join(root, 'src'), join(root, 'out')]);
    expect(built.code).toBe(0);
    const edition = readFileSync(join(root, 'out/notes/index.html'), 'utf8');
    expect(edition).toContain('<title>notes</title>');
    // Each first paragraph once: its row in the edition, never the title as well.
    expect(edition.split(FIRST_ZH)).toHaveLength(2);
    expect(edition.split(FIRST_EN)).toHaveLength(2);
    const list = readFileSync(join(root, 'out/index.html'), 'utf8');
    expect(list).not.toContain(FIRST_ZH);
    expect(list).not.toContain(FIRST_EN);
    expect(list).toContain('notes');
  });

  it('a heading, when there is one, is still the title', async () => {
    const root = fixture({ 'src/park/zh.md': '# 公园\n\n我们去公园。\n', 'src/park/en.md': '# The park\n\nWe go to the park.\n' });
    expect((await bitext(['build', join(root, 'src'), join(root, 'out')])).code).toBe(0);
    expect(readFileSync(join(root, 'out/park/index.html'), 'utf8')).toContain('<title>公园 · The park</title>');
    const list = readFileSync(join(root, 'out/index.html'), 'utf8');
    expect(list).toContain('公园');
    expect(list).toContain('The park');
  });
});
