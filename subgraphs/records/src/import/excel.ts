import type ExcelJSModule from 'exceljs';

let loaded: typeof ExcelJSModule | undefined;

/**
 * exceljs, loaded when a workbook is first read or written: loading it took ~8 % of a CSV import's
 * CPU (profile, 2026-12-07), and a CSV import never needs it.
 */
export function excel(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('exceljs') as typeof ExcelJSModule;
  return loaded;
}
