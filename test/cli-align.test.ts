import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bitext } from './helpers/cli.ts';
import { CORPUS } from './helpers/paths.ts';
import { parseAlign } from '../pipeline/align/formats.ts';

describe('bitext align (command line)', () => {
  it('--presegmented --format align: vecalign lines covering every sentence once, in order', async () => {
    const { code, stdout } = await bitext(['align', `${CORPUS}mac-dev/zh/006`, `${CORPUS}mac-dev/en/006`, '--presegmented', '--format', 'align']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^(\[[\d,]*\]:\[[\d,]*\]\n)+$/);
    const links = parseAlign(stdout);
    const zhCount = readFileSync(`${CORPUS}mac-dev/zh/006`, 'utf8').trimEnd().split('\n').length;
    const enCount = readFileSync(`${CORPUS}mac-dev/en/006`, 'utf8').trimEnd().split('\n').length;
    expect(links.flatMap((l) => l.source)).toEqual([...Array(zhCount).keys()]);
    expect(links.flatMap((l) => l.target)).toEqual([...Array(enCount).keys()]);
  });

  it('documents: --format align prints the block links (the Zhongnanhai gold), --format json the alignment.json object', async () => {
    const zh = `${CORPUS}zhongnanhai/zh.md`;
    const en = `${CORPUS}zhongnanhai/en.md`;
    const aligned = await bitext(['align', zh, en, '--format', 'align']);
    expect(aligned.code).toBe(0);
    expect(aligned.stdout).toBe(readFileSync(`${CORPUS}zhongnanhai/gold.paragraphs.align`, 'utf8'));
    const json = await bitext(['align', zh, en, '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.links).toHaveLength(19);
    expect(parsed.links[11]).toMatchObject({ source: [11], target: [] });
  });

  it('a missing input file is exit 2 naming the file', async () => {
    const { code, stderr } = await bitext(['align', `${CORPUS}mac-dev/zh/999`, `${CORPUS}mac-dev/en/006`, '--presegmented']);
    expect(code).toBe(2);
    expect(stderr).toContain('mac-dev/zh/999');
  });

  it('an unknown format is a usage error (exit 2)', async () => {
    const { code } = await bitext(['align', `${CORPUS}mac-dev/zh/006`, `${CORPUS}mac-dev/en/006`, '--presegmented', '--format', 'xml']);
    expect(code).toBe(2);
  });
});
