/** Bulgarian and Russian Cyrillic in Latin letters (the Bulgarian official scheme, щ as sht), keeping capitals. */
const TRANSLIT: Record<string, string> = Object.fromEntries(
  [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'].map((c, i) => [
    c,
    ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'f', 'h', 'ts', 'ch', 'sh', 'sht', 'a', 'y', '', 'e', 'yu', 'ya'][i]!,
  ]),
);

export function toLatin(text: string): string {
  return [...text]
    .map((char) => {
      const lower = char.toLowerCase();
      const latin = TRANSLIT[lower];
      if (latin === undefined) return char;
      return char !== lower && latin ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
    })
    .join('');
}
