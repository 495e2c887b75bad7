/**
 * Test fixtures: temporary folders holding files — typically a document pair — written fresh for
 * a test and deleted after the test file (`removeFixtures`, run by test/helpers/cleanup.ts after
 * each file; also when the process exits). Nothing is ever written into the project or ../shared.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CORPUS } from './paths.ts';

const made: string[] = [];

/** Delete every folder `fixture` made so far (vitest's workers may end without an `exit` event). */
export function removeFixtures(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', removeFixtures);

/**
 * A new temporary folder holding `files` (path relative to the folder → content; folders are
 * made as needed), deleted after the test file. Returns the folder's absolute path.
 */
export function fixture(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bitext-test-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/**
 * The real article pair (../shared/corpus/zhongnanhai: `zh.md`, `en.md`) as `fixture` files in
 * `folder`, the English passed through `editEn` (which must change it, so a seed that no longer
 * applies fails loudly instead of testing the unchanged pair).
 */
export function realPair(folder = 'zhongnanhai', editEn?: (en: string) => string): Record<string, string> {
  const en = readFileSync(`${CORPUS}zhongnanhai/en.md`, 'utf8');
  const edited = editEn ? editEn(en) : en;
  if (editEn && edited === en) throw new Error(`realPair(${folder}): the edit of en.md changed nothing`);
  return { [`${folder}/zh.md`]: readFileSync(`${CORPUS}zhongnanhai/zh.md`, 'utf8'), [`${folder}/en.md`]: edited };
}
