import { describe, expect, it } from 'vitest';
import { amountInWords, numberInWords } from '../../src/documents/amount-in-words.js';

/** Whole units and minor units, as an amount in minor units of a two-digit currency. */
const of = (whole: number, minor = 0) => whole * 100 + minor;

describe('amount in words: Russian', () => {
  it.each([
    [0, 'Ноль рублей 00 копеек'],
    [1, 'Один рубль 00 копеек'],
    [2, 'Два рубля 00 копеек'],
    [4, 'Четыре рубля 00 копеек'],
    [5, 'Пять рублей 00 копеек'],
    [10, 'Десять рублей 00 копеек'],
    [11, 'Одиннадцать рублей 00 копеек'],
    [12, 'Двенадцать рублей 00 копеек'],
    [13, 'Тринадцать рублей 00 копеек'],
    [14, 'Четырнадцать рублей 00 копеек'],
    [15, 'Пятнадцать рублей 00 копеек'],
    [16, 'Шестнадцать рублей 00 копеек'],
    [17, 'Семнадцать рублей 00 копеек'],
    [18, 'Восемнадцать рублей 00 копеек'],
    [19, 'Девятнадцать рублей 00 копеек'],
    [20, 'Двадцать рублей 00 копеек'],
    [21, 'Двадцать один рубль 00 копеек'],
    [22, 'Двадцать два рубля 00 копеек'],
    [40, 'Сорок рублей 00 копеек'],
    [99, 'Девяносто девять рублей 00 копеек'],
    [100, 'Сто рублей 00 копеек'],
    [101, 'Сто один рубль 00 копеек'],
    [111, 'Сто одиннадцать рублей 00 копеек'],
    [112, 'Сто двенадцать рублей 00 копеек'],
    [200, 'Двести рублей 00 копеек'],
    [400, 'Четыреста рублей 00 копеек'],
    [500, 'Пятьсот рублей 00 копеек'],
    [1000, 'Одна тысяча рублей 00 копеек'],
    [1001, 'Одна тысяча один рубль 00 копеек'],
    [1500, 'Одна тысяча пятьсот рублей 00 копеек'],
    [2000, 'Две тысячи рублей 00 копеек'],
    [4000, 'Четыре тысячи рублей 00 копеек'],
    [5000, 'Пять тысяч рублей 00 копеек'],
    [11000, 'Одиннадцать тысяч рублей 00 копеек'],
    [21000, 'Двадцать одна тысяча рублей 00 копеек'],
    [22000, 'Двадцать две тысячи рублей 00 копеек'],
    [21202, 'Двадцать одна тысяча двести два рубля 00 копеек'],
    [111000, 'Сто одиннадцать тысяч рублей 00 копеек'],
    [1_000_000, 'Один миллион рублей 00 копеек'],
    [2_000_000, 'Два миллиона рублей 00 копеек'],
    [5_000_000, 'Пять миллионов рублей 00 копеек'],
    [1_234_567, 'Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 00 копеек'],
    [2_001_000, 'Два миллиона одна тысяча рублей 00 копеек'],
    [1_000_000_000, 'Один миллиард рублей 00 копеек'],
    [3_000_000_000, 'Три миллиарда рублей 00 копеек'],
  ])('%i roubles', (whole, text) => {
    expect(amountInWords(of(whole), 'RUB', 'ru')).toBe(text);
  });

  it.each([
    [0, '00 копеек'],
    [1, '01 копейка'],
    [2, '02 копейки'],
    [4, '04 копейки'],
    [5, '05 копеек'],
    [11, '11 копеек'],
    [12, '12 копеек'],
    [21, '21 копейка'],
    [22, '22 копейки'],
    [50, '50 копеек'],
    [99, '99 копеек'],
  ])('%i kopecks', (minor, text) => {
    expect(amountInWords(of(7, minor), 'RUB', 'ru')).toBe(`Семь рублей ${text}`);
  });

  it('euros are masculine and do not change, cents count', () => {
    expect(amountInWords(of(1, 1), 'EUR', 'ru')).toBe('Один евро 01 цент');
    expect(amountInWords(of(2, 2), 'EUR', 'ru')).toBe('Два евро 02 цента');
    expect(amountInWords(of(21, 5), 'EUR', 'ru')).toBe('Двадцать один евро 05 центов');
    expect(amountInWords(of(1500, 50), 'EUR', 'ru')).toBe('Одна тысяча пятьсот евро 50 центов');
    expect(amountInWords(of(21202, 5), 'EUR', 'ru')).toBe('Двадцать одна тысяча двести два евро 05 центов');
  });

  it('dollars and leva', () => {
    expect(amountInWords(of(1, 21), 'USD', 'ru')).toBe('Один доллар 21 цент');
    expect(amountInWords(of(3, 11), 'USD', 'ru')).toBe('Три доллара 11 центов');
    expect(amountInWords(of(25), 'USD', 'ru')).toBe('Двадцать пять долларов 00 центов');
    expect(amountInWords(of(1, 1), 'BGN', 'ru')).toBe('Один лев 01 стотинка');
    expect(amountInWords(of(2, 2), 'BGN', 'ru')).toBe('Два лева 02 стотинки');
    expect(amountInWords(of(5, 5), 'BGN', 'ru')).toBe('Пять левов 05 стотинок');
  });
});

describe('amount in words: Bulgarian', () => {
  it.each([
    [0, 'Нула евро и 00 цента'],
    [1, 'Едно евро и 00 цента'],
    [2, 'Две евро и 00 цента'],
    [5, 'Пет евро и 00 цента'],
    [10, 'Десет евро и 00 цента'],
    [11, 'Единадесет евро и 00 цента'],
    [12, 'Дванадесет евро и 00 цента'],
    [13, 'Тринадесет евро и 00 цента'],
    [14, 'Четиринадесет евро и 00 цента'],
    [15, 'Петнадесет евро и 00 цента'],
    [16, 'Шестнадесет евро и 00 цента'],
    [17, 'Седемнадесет евро и 00 цента'],
    [18, 'Осемнадесет евро и 00 цента'],
    [19, 'Деветнадесет евро и 00 цента'],
    [20, 'Двадесет евро и 00 цента'],
    [21, 'Двадесет и едно евро и 00 цента'],
    [22, 'Двадесет и две евро и 00 цента'],
    [100, 'Сто евро и 00 цента'],
    [101, 'Сто и едно евро и 00 цента'],
    [110, 'Сто и десет евро и 00 цента'],
    [111, 'Сто и единадесет евро и 00 цента'],
    [120, 'Сто и двадесет евро и 00 цента'],
    [121, 'Сто двадесет и едно евро и 00 цента'],
    [200, 'Двеста евро и 00 цента'],
    [400, 'Четиристотин евро и 00 цента'],
    [1000, 'Хиляда евро и 00 цента'],
    [1001, 'Хиляда и едно евро и 00 цента'],
    [1200, 'Хиляда и двеста евро и 00 цента'],
    [1234, 'Хиляда двеста тридесет и четири евро и 00 цента'],
    [2000, 'Две хиляди евро и 00 цента'],
    [5000, 'Пет хиляди евро и 00 цента'],
    [21000, 'Двадесет и една хиляди евро и 00 цента'],
    [21202, 'Двадесет и една хиляди двеста и две евро и 00 цента'],
    [101000, 'Сто и една хиляди евро и 00 цента'],
    [1_000_000, 'Един милион евро и 00 цента'],
    [1_500_000, 'Един милион и петстотин хиляди евро и 00 цента'],
    [2_000_000, 'Два милиона евро и 00 цента'],
    [1_234_567, 'Един милион двеста тридесет и четири хиляди петстотин шестдесет и седем евро и 00 цента'],
    [2_000_100, 'Два милиона и сто евро и 00 цента'],
    [1_000_000_000, 'Един милиард евро и 00 цента'],
  ])('%i euros', (whole, text) => {
    expect(amountInWords(of(whole), 'EUR', 'bg')).toBe(text);
  });

  it.each([
    [0, '00 цента'],
    [1, '01 цент'],
    [2, '02 цента'],
    [5, '05 цента'],
    [11, '11 цента'],
    [21, '21 цента'],
  ])('%i cents', (minor, text) => {
    expect(amountInWords(of(3, minor), 'EUR', 'bg')).toBe(`Три евро и ${text}`);
  });

  it('leva are masculine, stotinki feminine', () => {
    expect(amountInWords(of(1, 1), 'BGN', 'bg')).toBe('Един лев и 01 стотинка');
    expect(amountInWords(of(2, 2), 'BGN', 'bg')).toBe('Два лева и 02 стотинки');
    expect(amountInWords(of(21, 5), 'BGN', 'bg')).toBe('Двадесет и един лева и 05 стотинки');
    expect(amountInWords(of(2000, 11), 'BGN', 'bg')).toBe('Две хиляди лева и 11 стотинки');
  });

  it('dollars and roubles', () => {
    expect(amountInWords(of(1, 1), 'USD', 'bg')).toBe('Един долар и 01 цент');
    expect(amountInWords(of(2, 21), 'USD', 'bg')).toBe('Два долара и 21 цента');
    expect(amountInWords(of(1, 1), 'RUB', 'bg')).toBe('Една рубла и 01 копейка');
    expect(amountInWords(of(2, 5), 'RUB', 'bg')).toBe('Две рубли и 05 копейки');
  });
});

describe('amount in words: English', () => {
  it.each([
    [0, 'Zero euros and 00 cents'],
    [1, 'One euro and 00 cents'],
    [2, 'Two euros and 00 cents'],
    [5, 'Five euros and 00 cents'],
    [11, 'Eleven euros and 00 cents'],
    [12, 'Twelve euros and 00 cents'],
    [13, 'Thirteen euros and 00 cents'],
    [14, 'Fourteen euros and 00 cents'],
    [15, 'Fifteen euros and 00 cents'],
    [16, 'Sixteen euros and 00 cents'],
    [17, 'Seventeen euros and 00 cents'],
    [18, 'Eighteen euros and 00 cents'],
    [19, 'Nineteen euros and 00 cents'],
    [21, 'Twenty-one euros and 00 cents'],
    [22, 'Twenty-two euros and 00 cents'],
    [40, 'Forty euros and 00 cents'],
    [100, 'One hundred euros and 00 cents'],
    [101, 'One hundred one euros and 00 cents'],
    [111, 'One hundred eleven euros and 00 cents'],
    [200, 'Two hundred euros and 00 cents'],
    [1000, 'One thousand euros and 00 cents'],
    [1001, 'One thousand one euros and 00 cents'],
    [2000, 'Two thousand euros and 00 cents'],
    [5000, 'Five thousand euros and 00 cents'],
    [21000, 'Twenty-one thousand euros and 00 cents'],
    [21202, 'Twenty-one thousand two hundred two euros and 00 cents'],
    [1_000_000, 'One million euros and 00 cents'],
    [2_000_000, 'Two million euros and 00 cents'],
    [1_234_567, 'One million two hundred thirty-four thousand five hundred sixty-seven euros and 00 cents'],
    [1_000_000_000, 'One billion euros and 00 cents'],
  ])('%i euros', (whole, text) => {
    expect(amountInWords(of(whole), 'EUR', 'en')).toBe(text);
  });

  it.each([
    [0, '00 cents'],
    [1, '01 cent'],
    [2, '02 cents'],
    [5, '05 cents'],
    [11, '11 cents'],
    [21, '21 cents'],
  ])('%i cents', (minor, text) => {
    expect(amountInWords(of(9, minor), 'USD', 'en')).toBe(`Nine dollars and ${text}`);
  });

  it('leva and roubles', () => {
    expect(amountInWords(of(1, 1), 'BGN', 'en')).toBe('One lev and 01 stotinka');
    expect(amountInWords(of(2, 2), 'BGN', 'en')).toBe('Two leva and 02 stotinki');
    expect(amountInWords(of(1, 1), 'RUB', 'en')).toBe('One rouble and 01 kopeck');
    expect(amountInWords(of(5, 5), 'RUB', 'en')).toBe('Five roubles and 05 kopecks');
  });
});

describe('amount in words: any currency', () => {
  it('a currency without words of its own is written with its code and the minor units over their scale', () => {
    expect(amountInWords(of(150, 5), 'GBP', 'en')).toBe('One hundred fifty GBP 05/100');
    expect(amountInWords(of(21, 50), 'TRY', 'ru')).toBe('Двадцать один TRY 50/100');
    expect(amountInWords(of(1200), 'CHF', 'bg')).toBe('Хиляда и двеста CHF 00/100');
  });

  it('takes the scale from the currency: none for the yen, three digits for the dinar', () => {
    expect(amountInWords(15000, 'JPY', 'ru')).toBe('Пятнадцать тысяч JPY');
    expect(amountInWords(15001, 'KWD', 'en')).toBe('Fifteen KWD 001/1000');
  });

  it('reaches 999,999,999,999 whole units and refuses what it cannot write', () => {
    expect(amountInWords(of(999_999_999_999, 99), 'EUR', 'ru')).toBe(
      'Девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять евро 99 центов',
    );
    expect(amountInWords(of(999_999_999_999), 'EUR', 'bg')).toBe(
      'Деветстотин деветдесет и девет милиарда деветстотин деветдесет и девет милиона деветстотин деветдесет и девет хиляди деветстотин деветдесет и девет евро и 00 цента',
    );
    expect(amountInWords(of(999_999_999_999), 'EUR', 'en')).toBe(
      'Nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine euros and 00 cents',
    );
    expect(() => amountInWords(1.5, 'EUR', 'en')).toThrow(RangeError);
    expect(() => numberInWords(10 ** 15, 'm', 'en')).toThrow(RangeError);
  });

  it('a negative amount says so', () => {
    expect(amountInWords(-of(2, 5), 'EUR', 'en')).toBe('Minus two euros and 05 cents');
    expect(amountInWords(-of(1), 'RUB', 'ru')).toBe('Минус один рубль 00 копеек');
  });

  it('number words agree with the gender they count', () => {
    expect(numberInWords(2, 'f', 'ru')).toBe('две');
    expect(numberInWords(21, 'n', 'ru')).toBe('двадцать одно');
    expect(numberInWords(1, 'm', 'bg')).toBe('един');
    expect(numberInWords(22, 'f', 'bg')).toBe('двадесет и две');
    expect(numberInWords(2, 'n', 'bg')).toBe('две');
  });
});
