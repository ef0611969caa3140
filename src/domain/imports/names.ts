/**
 * Whether two names written by different people are one person's: the card's "Иван Петров"
 * and the file's "ПЕТРОВ Иван Петрович", "Ivan Petrov" or "Иван П.". A phone or e-mail the
 * file shares with a card under another person's name is a question for a person, never a
 * silent merge; this decides which names are the same person and which are another.
 */
import { foldText } from '../contacts/phone.js';

/** Cyrillic as it is spelled in Latin letters (passports, e-mail addresses, foreign systems). */
const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sht', ъ: 'a', ы: 'i',
  ь: '', э: 'e', ю: 'iu', я: 'ia', є: 'ie', і: 'i', ї: 'i', ґ: 'g',
};

/**
 * One word as a sound more than a spelling: lower case, ё as е, transliterated, accents
 * dropped, and the usual differences of romanisation evened out (Yuri, Iurii and Юрий;
 * Aleksandr and Alexandr; Khristo and Hristo; Мария and Maria).
 */
export function wordKey(word: string): string {
  const latin = [...foldText(word)].map((char) => LATIN[char] ?? char).join('');
  return latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '')
    .replace(/x/g, 'ks')
    .replace(/kh/g, 'h')
    .replace(/shch/g, 'sht')
    .replace(/[yj]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/i(?=[aeiou])/g, '')
    .replace(/(?<=[aeiou])i$/g, '');
}

/** A name as its words, in any order: case, extra spaces, punctuation and hyphens do not count. */
const wordsOf = (name: string) =>
  name
    .split(/[\s,.;\-–—_/()"«»]+/u)
    .map(wordKey)
    .filter(Boolean);

/** One word stands for another: the same, or an initial ("И." for Иван). */
const stands = (a: string, b: string) => a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));

/**
 * The same person: every word of the shorter name is in the longer one (in any order, an
 * initial standing for its word), at least one of them spelled out. So a patronymic or a
 * middle name written on one side only, "Петров Иван" for "Иван Петров", or "M. Ivanova"
 * for "Maria Ivanova" are one person; "Иван Петров" and "Мария Петрова" are two, and so are
 * "Иван Петров" and "Иван Сидоров".
 */
export function sameName(a: string, b: string): boolean {
  const [short, long] = [wordsOf(a), wordsOf(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (short.length === 0) return false;
  const free = [...long];
  // Whole words are paired first, so an initial does not take a word a whole one needs.
  const pending: string[] = [];
  for (const word of short) {
    const at = free.indexOf(word);
    if (at >= 0) free.splice(at, 1);
    else pending.push(word);
  }
  for (const word of pending) {
    const at = free.findIndex((other) => stands(word, other));
    if (at < 0) return false;
    free.splice(at, 1);
  }
  return short.some((word) => word.length > 1);
}
