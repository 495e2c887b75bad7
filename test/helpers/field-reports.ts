/** Field-report inputs, read in place from ../shared/cases/field-reports.json. */
import { readFileSync } from 'node:fs';
import { SHARED } from './paths.ts';

interface FieldReport {
  id: string;
  stage: string;
  input: Record<string, any>;
  expected: string;
}

const reports: FieldReport[] = JSON.parse(readFileSync(`${SHARED}cases/field-reports.json`, 'utf8'));

/** The input object of field report `id` (e.g. "FR-04"). */
export function fieldReport(id: string): Record<string, any> {
  const report = reports.find((r) => r.id === id);
  if (!report) throw new Error(`no field report ${id}`);
  return report.input;
}
