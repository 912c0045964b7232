import { readFileSync } from 'node:fs';

/**
 * Noto Sans SC (OFL-1.1) as TTF from npm: pdfkit embeds the subset it uses, so a report stays
 * small while every Chinese character renders. Read once per process; 10 MB per weight.
 */
let fonts: { regular: Buffer; bold: Buffer } | undefined;

export function cjkFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}
