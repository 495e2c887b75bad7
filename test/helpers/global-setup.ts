/**
 * vitest global setup: compile the command line into dist/ (scripts/build-dist.ts, about a
 * second) before any test file runs, so the end-to-end tests spawn the code under test and never
 * a stale build.
 */
import { buildDist } from '../../scripts/build-dist.ts';

/** Build dist/ once per `vitest run`. */
export default async function setup(): Promise<void> {
  await buildDist();
}
