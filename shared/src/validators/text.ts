// Control characters have no place in registry text: they break CSV exports, PDFs and logs.
// Tabs and line breaks are allowed in free text (facts, reasons), never in names.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(value: string, opts: { multiline?: boolean } = {}): boolean {
  return (opts.multiline ? CONTROL_IN_TEXT : CONTROL_IN_LINE).test(value);
}
