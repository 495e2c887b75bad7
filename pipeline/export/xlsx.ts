/**
 * The XLSX interchange file (`bitext export --format xlsx`), written with exceljs: one sheet
 * `alignment`, the columns of `EXPORT_COLUMNS` (interchange.ts) with a bold, frozen header row
 * and a filter on it, `score` a number shown with 4 decimals, texts as they are (line breaks
 * kept in the cell, code points XML 1.0 cannot carry replaced by `xmlSafe`).
 */
import ExcelJS from 'exceljs';
import type { Bitext } from '../types.ts';
import { xmlSafe } from '../memory/index.ts';
import { EXPORT_COLUMNS, exportRows, rowCells } from './interchange.ts';

/** Name of the one worksheet. */
export const XLSX_SHEET = 'alignment';

/** The XLSX file of `bitexts` as bytes (one row per `exportRows` row after the header). */
export async function toXlsx(bitexts: readonly Bitext[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bitext';
  const sheet = workbook.addWorksheet(XLSX_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...EXPORT_COLUMNS]).font = { bold: true };
  for (const bitext of bitexts) {
    for (const row of exportRows(bitext)) sheet.addRow(rowCells(row).map((cell) => (typeof cell === 'string' ? xmlSafe(cell) : cell)));
  }
  sheet.getColumn(1).width = 60;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).numFmt = '0.0000';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
