import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
const fontFile = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);

type Font = Awaited<ReturnType<typeof fontkit.create>>;
let fonts: { regular: Font } | null = null;

/**
 * DejaVu Sans (Latin and Cyrillic), parsed once per process: pdfkit takes the parsed font,
 * so each document only subsets the glyphs it uses.
 */
export function documentFonts() {
  fonts ??= { regular: withoutLigatures(withCharacters(fontkit.create(readFileSync(fontFile('DejaVuSans.ttf'))) as Font)) };
  return fonts;
}

/**
 * fontkit caches each glyph the first time it is asked for. Subsetting asks for the parts of
 * composite glyphs without their characters (DejaVu's Cyrillic "Е" is built from the Latin
 * "E"), and a font shared between documents would keep that glyph without its character,
 * so later PDFs lose the letter from their text layer. Creating every mapped glyph with its
 * character first, once, keeps the text of every document searchable and copyable.
 */
function withCharacters(font: Font): Font {
  const face = font as Font & { characterSet: number[]; glyphForCodePoint: (codePoint: number) => unknown };
  for (const codePoint of face.characterSet) face.glyphForCodePoint(codePoint);
  return font;
}

/** Ligature features DejaVu would otherwise apply by default. */
const NO_LIGATURES = { liga: false, clig: false, dlig: false, hlig: false };

/**
 * Text laid out without ligatures: "office@" drawn with an "ﬃ" glyph extracts as "oﬃce@",
 * which a search or a copied address then misses. pdfkit hands its `features` option to the
 * font's layout; the font itself defaults them off, so no call can forget.
 */
function withoutLigatures(font: Font): Font {
  type Layout = (text: string, features?: unknown, ...rest: unknown[]) => unknown;
  const face = font as unknown as { layout: Layout };
  const layout = face.layout.bind(face);
  face.layout = (text: string, features?: unknown, ...rest: unknown[]) => layout(text, features ?? NO_LIGATURES, ...rest);
  return font;
}
