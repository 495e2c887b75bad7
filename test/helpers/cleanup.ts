/** Setup file (vitest.config.ts): the fixtures a test file made are deleted after it. */
import { afterAll } from 'vitest';
import { removeFixtures } from './fixtures.ts';

afterAll(removeFixtures);
