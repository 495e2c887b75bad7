import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { closeMemory, iterateUnits, lookup, openMemory } from '../pipeline/memory/index.ts';

// Three 1-1 block links, each block one sentence; the English of block 1 writes 2017 for the
// Chinese 2019: a `number-mismatch` error (digits) on block link 1 and on nothing else. Each block
// link gives a block unit and a sentence unit with the same texts, so 6 units, 3 distinct.
const PAIR = {
  'doc/zh.md': '# 会议记录\n\n会议于2019年举行。\n\n天气很好。\n',
  'doc/en.md': '# Minutes\n\nThe meeting was held in 2017.\n\nThe weather was good.\n',
};

function storedTargets(file: string): string[] {
  const memory = openMemory(file, 'read');
  try {
    return [...iterateUnits(memory)].map((u) => u.target);
  } finally {
    closeMemory(memory);
  }
}

describe('build --strict: units of links with check errors', () => {
  it('without --strict stores every unit and says two come from links with errors', async () => {
    const dir = fixture(PAIR);
    const result = await bitext(['build', join(dir), join(dir, 'out')]);
    expect(result.code).toBe(0);
    // block link 1 and its sentence link carry the error.
    expect(result.stdout).toContain('3 new units (3 already stored or repeated)');
    expect(result.stdout).toContain('2 units come from links with check errors: stored');
    expect(storedTargets(join(dir, 'out/memory.sqlite'))).toContain('The meeting was held in 2017.');
  });

  it('with --strict leaves those two out of the memory, so lookup never offers them', async () => {
    const dir = fixture(PAIR);
    const result = await bitext(['build', dir, join(dir, 'out'), '--strict', '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ unitsAdded: 2, unitsExisting: 2, unitsWithErrors: 2, strict: true });
    const targets = storedTargets(join(dir, 'out/memory.sqlite'));
    expect(targets).not.toContain('The meeting was held in 2017.');
    expect(targets).toContain('The weather was good.');
    const memory = openMemory(join(dir, 'out/memory.sqlite'), 'read');
    try {
      expect(lookup(memory, '会议于2019年举行。', { sourceLang: 'zh-Hans', targetLang: 'en' }).filter((h) => h.score === 100)).toEqual([]);
    } finally {
      closeMemory(memory);
    }
  });

  it('a clean pair says nothing of errors, with or without --strict', async () => {
    const dir = fixture({ ...PAIR, 'doc/en.md': PAIR['doc/en.md'].replace('2017', '2019') });
    const result = await bitext(['build', dir, join(dir, 'out'), '--strict']);
    expect(result.stdout).toContain('3 new units (3 already stored or repeated)');
    expect(result.stdout).not.toContain('check errors');
  });
});
