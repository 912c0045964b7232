// A cell opening with one of these is run as a formula by Excel and WPS (=, +, - and @; tab and
// carriage return start a DDE payload in older versions), whatever file it came from.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text of a file meant to be opened in a spreadsheet (the assessment export, import rejects files):
 * a cell that would run as a formula gets a leading apostrophe, which shows it as the text it is.
 */
export const spreadsheetSafeText = (v: string): string => (FORMULA_START.test(v) ? `'${v}` : v);

// A workbook's XML has no bare CR: an escaped CR comes back as LF.
const ESCAPED_START = /^'[=+\-@\t\r\n]/;

/**
 * The reverse, for a file coming back (a fixed rejects file sent again): an apostrophe before a
 * formula character is the escape above, not the unit's data.
 */
export const unescapeSpreadsheetText = (v: string): string => (ESCAPED_START.test(v) ? v.slice(1) : v);
