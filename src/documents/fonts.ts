import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
const fontFile = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);

type Font = ReturnType<typeof fontkit.create>;
let fonts: { regular: Font } | null = null;

/**
 * DejaVu Sans (Latin and Cyrillic), parsed once per process: pdfkit takes the parsed font,
 * so each document only subsets the glyphs it uses.
 */
export function documentFonts() {
  fonts ??= {
    regular: fontkit.create(readFileSync(fontFile('DejaVuSans.ttf'))) as Font,
  };
  return fonts;
}
