import { currencyDigits } from '../domain/money.js';

/**
 * An amount as an accountant writes it on a receipt: the whole units in words, the minor
 * units as digits ("Двадцать одна тысяча двести два рубля 05 копеек", "Двадесет и една
 * хиляди двеста и два евро и 05 цента", "Twenty-one thousand two hundred two euros and 05
 * cents"). The currency's noun takes the form its number asks for, and the number words
 * agree with the noun's gender (Russian "одна тысяча", "два рубля"; Bulgarian "две евро",
 * "един лев"). A currency without its own words is written "<words> <CODE> <NN>/100".
 */
export type WordsLocale = 'en' | 'ru' | 'bg';

/** The grammatical gender of what a number counts: masculine, feminine, neuter. */
export type Gender = 'm' | 'f' | 'n';

/** A counted noun: English [one, other]; Russian [one, few, many]; Bulgarian [one, counted]. */
interface Noun {
  gender: Gender;
  forms: readonly string[];
}

interface CurrencyWords {
  major: Noun;
  minor: Noun;
}

const m = (...forms: string[]): Noun => ({ gender: 'm', forms });
const f = (...forms: string[]): Noun => ({ gender: 'f', forms });
const n = (...forms: string[]): Noun => ({ gender: 'n', forms });

const CURRENCIES: Record<string, Record<WordsLocale, CurrencyWords>> = {
  EUR: {
    en: { major: m('euro', 'euros'), minor: m('cent', 'cents') },
    // Russian "евро" is masculine and does not change: "один евро", "два евро".
    ru: { major: m('евро', 'евро', 'евро'), minor: m('цент', 'цента', 'центов') },
    // Bulgarian "евро" is neuter: "едно евро", "две евро".
    bg: { major: n('евро', 'евро'), minor: m('цент', 'цента') },
  },
  BGN: {
    en: { major: m('lev', 'leva'), minor: m('stotinka', 'stotinki') },
    ru: { major: m('лев', 'лева', 'левов'), minor: f('стотинка', 'стотинки', 'стотинок') },
    bg: { major: m('лев', 'лева'), minor: f('стотинка', 'стотинки') },
  },
  RUB: {
    en: { major: m('rouble', 'roubles'), minor: m('kopeck', 'kopecks') },
    ru: { major: m('рубль', 'рубля', 'рублей'), minor: f('копейка', 'копейки', 'копеек') },
    bg: { major: f('рубла', 'рубли'), minor: f('копейка', 'копейки') },
  },
  USD: {
    en: { major: m('dollar', 'dollars'), minor: m('cent', 'cents') },
    ru: { major: m('доллар', 'доллара', 'долларов'), minor: m('цент', 'цента', 'центов') },
    bg: { major: m('долар', 'долара'), minor: m('цент', 'цента') },
  },
};

/** The largest whole amount written in words: 999 trillion (short scale). */
const MAX_WHOLE = 999_999_999_999_999;

export function amountInWords(minor: number, currency: string, locale: WordsLocale): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  const digits = currencyDigits(currency);
  const scale = 10 ** digits;
  const absolute = Math.abs(minor);
  const whole = Math.floor(absolute / scale);
  const part = absolute % scale;
  if (whole > MAX_WHOLE) throw new RangeError(`amount too large to write in words: ${minor}`);
  const words = CURRENCIES[currency]?.[locale];
  const minorDigits = String(part).padStart(digits, '0');

  let text: string;
  if (!words) {
    // A currency without words of its own: its code, and the minor units as a fraction.
    text = `${numberInWords(whole, 'm', locale)} ${currency}`;
    if (digits > 0) text += ` ${minorDigits}/${scale}`;
  } else {
    text = `${numberInWords(whole, words.major.gender, locale)} ${counted(words.major, whole, locale)}`;
    if (digits > 0) {
      const minorText = `${minorDigits} ${counted(words.minor, part, locale)}`;
      text += locale === 'ru' ? ` ${minorText}` : ` ${locale === 'en' ? 'and' : 'и'} ${minorText}`;
    }
  }
  if (minor < 0) text = `${MINUS[locale]} ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const MINUS: Record<WordsLocale, string> = { en: 'minus', ru: 'минус', bg: 'минус' };

/** The noun's form for a count. */
function counted(noun: Noun, count: number, locale: WordsLocale): string {
  return noun.forms[pluralIndex(count, locale)]!;
}

/** Russian: 1, 21 рубль; 2-4, 22 рубля; 0, 5-20, 25 рублей. English and Bulgarian: one, else the plural (counted) form. */
function pluralIndex(count: number, locale: WordsLocale): number {
  if (locale !== 'ru') return count === 1 ? 0 : 1;
  const lastTwo = count % 100;
  const last = count % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return 2;
  if (last === 1) return 0;
  if (last >= 2 && last <= 4) return 1;
  return 2;
}

/** A whole number in words, its ones agreeing with the gender of what it counts. */
export function numberInWords(value: number, gender: Gender, locale: WordsLocale): string {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_WHOLE) throw new RangeError(`cannot write ${value} in words`);
  if (locale === 'en') return english(value);
  if (locale === 'ru') return russian(value, gender);
  return bulgarian(value, gender);
}

/** The groups of three digits, highest first, with their scale (0 ones, 1 thousands, 2 millions...). */
function groupsOf(value: number): { group: number; scale: number }[] {
  const groups: { group: number; scale: number }[] = [];
  let rest = value;
  let scale = 0;
  while (rest > 0) {
    groups.unshift({ group: rest % 1000, scale });
    rest = Math.floor(rest / 1000);
    scale++;
  }
  return groups.filter(({ group }) => group > 0);
}

// English (short scale, no "and" inside the number: "two hundred two").

const EN_ONES = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion'];

function english(value: number): string {
  if (value === 0) return 'zero';
  return groupsOf(value)
    .map(({ group, scale }) => [englishGroup(group), EN_SCALES[scale]].filter(Boolean).join(' '))
    .join(' ');
}

function englishGroup(group: number): string {
  const hundreds = Math.floor(group / 100);
  const rest = group % 100;
  const words: string[] = [];
  if (hundreds) words.push(`${EN_ONES[hundreds]} hundred`);
  if (rest >= 20) words.push(rest % 10 ? `${EN_TENS[Math.floor(rest / 10)]}-${EN_ONES[rest % 10]}` : EN_TENS[rest / 10]!);
  else if (rest > 0) words.push(EN_ONES[rest]!);
  return words.join(' ');
}

// Russian.

const RU_ONES = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_ONES_FEMININE = ['', 'одна', 'две'];
const RU_ONES_NEUTER = ['', 'одно', 'два'];
const RU_TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];
/** Thousands are feminine ("одна тысяча", "две тысячи"); the larger scales masculine. */
const RU_SCALES: (Noun | null)[] = [
  null,
  f('тысяча', 'тысячи', 'тысяч'),
  m('миллион', 'миллиона', 'миллионов'),
  m('миллиард', 'миллиарда', 'миллиардов'),
  m('триллион', 'триллиона', 'триллионов'),
];

function russian(value: number, gender: Gender): string {
  if (value === 0) return 'ноль';
  return groupsOf(value)
    .map(({ group, scale }) => {
      const noun = RU_SCALES[scale];
      const words = russianGroup(group, noun ? noun.gender : gender);
      if (noun) words.push(counted(noun, group, 'ru'));
      return words.join(' ');
    })
    .join(' ');
}

function russianGroup(group: number, gender: Gender): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(group / 100);
  const rest = group % 100;
  if (hundreds) words.push(RU_HUNDREDS[hundreds]!);
  if (rest >= 10 && rest < 20) {
    words.push(RU_TEENS[rest - 10]!);
    return words;
  }
  if (rest >= 20) words.push(RU_TENS[Math.floor(rest / 10)]!);
  const one = rest % 10;
  if (one) {
    const agreeing = gender === 'f' ? RU_ONES_FEMININE : gender === 'n' ? RU_ONES_NEUTER : RU_ONES;
    words.push(agreeing[one] ?? RU_ONES[one]!);
  }
  return words;
}

// Bulgarian: "и" stands before the last word of a group ("двадесет и едно", "сто и две"),
// and before the number's last group when that is a single word ("хиляда и двеста",
// "един милион и петстотин хиляди").

const BG_ONES = ['', 'един', 'два', 'три', 'четири', 'пет', 'шест', 'седем', 'осем', 'девет'];
const BG_ONES_FEMININE = ['', 'една', 'две'];
const BG_ONES_NEUTER = ['', 'едно', 'две'];
const BG_TEENS = ['десет', 'единадесет', 'дванадесет', 'тринадесет', 'четиринадесет', 'петнадесет', 'шестнадесет', 'седемнадесет', 'осемнадесет', 'деветнадесет'];
const BG_TENS = ['', '', 'двадесет', 'тридесет', 'четиридесет', 'петдесет', 'шестдесет', 'седемдесет', 'осемдесет', 'деветдесет'];
const BG_HUNDREDS = ['', 'сто', 'двеста', 'триста', 'четиристотин', 'петстотин', 'шестстотин', 'седемстотин', 'осемстотин', 'деветстотин'];
const BG_SCALES: (Noun | null)[] = [
  null,
  f('хиляда', 'хиляди'),
  m('милион', 'милиона'),
  m('милиард', 'милиарда'),
  m('трилион', 'трилиона'),
];

function bulgarian(value: number, gender: Gender): string {
  if (value === 0) return 'нула';
  const groups = groupsOf(value);
  return groups
    .map(({ group, scale }, index) => {
      const noun = BG_SCALES[scale];
      // A thousand alone is "хиляда", never "една хиляда"; a million is "един милион".
      let words = scale === 1 && group === 1 ? [] : bulgarianGroup(group, noun ? noun.gender : gender);
      const single = words.length <= 1;
      if (words.length > 1) words = [...words.slice(0, -1), 'и', words[words.length - 1]!];
      if (noun) words.push(counted(noun, group, 'bg'));
      if (index > 0 && index === groups.length - 1 && single) words.unshift('и');
      return words.join(' ');
    })
    .join(' ');
}

function bulgarianGroup(group: number, gender: Gender): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(group / 100);
  const rest = group % 100;
  if (hundreds) words.push(BG_HUNDREDS[hundreds]!);
  if (rest >= 10 && rest < 20) {
    words.push(BG_TEENS[rest - 10]!);
    return words;
  }
  if (rest >= 20) words.push(BG_TENS[Math.floor(rest / 10)]!);
  const one = rest % 10;
  if (one) {
    const agreeing = gender === 'f' ? BG_ONES_FEMININE : gender === 'n' ? BG_ONES_NEUTER : BG_ONES;
    words.push(agreeing[one] ?? BG_ONES[one]!);
  }
  return words;
}
