/**
 * `tm stats` counts superseded units apart from current ones (issue 13), on both back ends: a
 * rebuild of a document that no longer produces two of its units supersedes them
 * (pipeline/memory/supersede.ts); they still count in `units`, per pair and per origin until
 * `tm prune` removes them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackend, type TmBackend } from '../pipeline/memory/index.ts';
import type { TranslationUnit } from '../pipeline/types.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { freshPostgres } from './helpers/postgres.ts';

const DATE = '2026-03-04T05:06:07Z';

function unit(source: string, target: string, doc: string | null, link = ''): TranslationUnit {
  return { source, target, sourceLang: 'zh-Hans', targetLang: 'en', origin: doc === null ? null : { doc, link }, score: null, created: DATE, changed: DATE, usage: 0 };
}

/** Build 1 of `demo` stores A, B, C; build 2 produces A and D, so B and C are superseded; one unit is imported. */
async function fill(memory: TmBackend): Promise<void> {
  await memory.addBuild([unit('甲', 'A', 'demo', 'b1'), unit('乙', 'B', 'demo', 'b2'), unit('丙', 'C', 'demo', 'b3')], ['demo'], 'src', DATE);
  await memory.addBuild([unit('甲', 'A', 'demo', 'b1'), unit('丁', 'D', 'demo', 'b2')], ['demo'], 'src', DATE);
  await memory.addUnits([unit('戊', 'E', null)]);
}

describe('tm stats: current and superseded units apart', () => {
  for (const backend of ['SQLite', 'PostgreSQL']) {
    it(`${backend}: text and --json; after tm prune none superseded`, async () => {
      const memory = backend === 'SQLite' ? join(fixture(), 'm.sqlite') : await freshPostgres();
      const tm = await openBackend(memory, 'create');
      await fill(tm);
      await tm.close();
      // 5 units stored: A, B, C, D from demo (B and C superseded), E imported
      const json = await bitext(['tm', 'stats', '--memory', memory, '--json']);
      expect(JSON.parse(json.stdout)).toEqual({
        units: 5, current: 3, superseded: 2,
        pairs: [{ sourceLang: 'zh-Hans', targetLang: 'en', units: 5 }],
        origins: [{ doc: 'demo', units: 4 }, { doc: null, units: 1 }],
      });
      const text = await bitext(['tm', 'stats', '--memory', memory]);
      expect([text.code, text.stdout]).toEqual([0, `${memory}: 5 units\n  3 current, 2 superseded (bitext tm prune removes them)\n  zh-Hans → en: 5\n  from demo: 4\n  from (imported TMX): 1\n`]);
      expect((await bitext(['tm', 'prune', '--memory', memory])).code).toBe(0);
      const pruned = await bitext(['tm', 'stats', '--memory', memory]);
      expect(pruned.stdout).toBe(`${memory}: 3 units\n  3 current, 0 superseded\n  zh-Hans → en: 3\n  from demo: 2\n  from (imported TMX): 1\n`);
    });
  }
});
