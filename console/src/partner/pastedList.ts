/** One report to check: as pasted, one per line. */
export interface PastedReport {
  number: string;
  verificationCode: string;
}

/**
 * A pasted list as bidding offices keep it: one report a line, number and code separated by spaces,
 * a comma, a tab or a Chinese comma (a spreadsheet's two columns paste with a tab). Blank lines are
 * skipped; a line with one value is kept with an empty code, so the API names it.
 */
export function parsePastedList(text: string): PastedReport[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [number = '', verificationCode = ''] = line.split(/[\s,，;；]+/);
      return { number: number.toUpperCase(), verificationCode: verificationCode.toUpperCase() };
    });
}
