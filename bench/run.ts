/**
 * `npm run bench`: runs every benchmark module present in bench/ (each owner adds theirs):
 * align.ts (`runAlignBench`), memory.ts (`runMemoryBench`), postgres.ts (`runPostgresBench`),
 * adversarial.ts (`runAdversarialBench`), docs.ts (`runDocsBench`), review.ts (`runReviewBench`),
 * review-page.ts (`runReviewPageBench`). Modules are imported dynamically so a
 * missing one is skipped, not an error.
 */
import { existsSync } from 'node:fs';

const modules: [string, string][] = [
  ['./align.ts', 'runAlignBench'],
  ['./memory.ts', 'runMemoryBench'],
  ['./postgres.ts', 'runPostgresBench'],
  ['./adversarial.ts', 'runAdversarialBench'],
  ['./docs.ts', 'runDocsBench'],
  ['./review.ts', 'runReviewBench'],
  ['./review-page.ts', 'runReviewPageBench'],
];

for (const [path, name] of modules) {
  if (!existsSync(new URL(path, import.meta.url))) continue;
  const module = (await import(path)) as Record<string, () => Promise<void>>;
  if (typeof module[name] === 'function') await module[name]();
}
