/**
 * The Russian banks' exchange format with accounting programs ("1CClientBankExchange"): a
 * text file of `Key=Value` lines, usually in Windows-1251 (`Кодировка=DOS` is CP866; a
 * UTF-8 file, with or without its byte order mark, is read as such). The header and each
 * `СекцияРасчСчет` name the statement's account (`РасчСчет`); each payment order lies
 * between `СекцияДокумент=...` and `КонецДокумента`; the file ends with `КонецФайла`.
 * The format carries no currency: its amounts are roubles.
 */
import { currencyDigits } from '../money.js';
import { checkSize, clip, CreditList, field, hashedId, isoDate, LONGEST_TEXT, MAX_CREDITS, minorUnits, positive, quoted, refuse, theAccount } from './common.js';
import type { ParsedStatement } from './types.js';

export const ONE_C_FIRST_LINE = '1CClientBankExchange';
const CURRENCY = 'RUB';
/** Payment orders in and out: five times the credits a statement may hold. */
const MAX_DOCUMENTS = 5 * MAX_CREDITS;

/** The fields a credit is made of; every other line of a document is passed over. */
const KEPT = new Set([
  'Номер',
  'Дата',
  'Сумма',
  'Плательщик',
  'Плательщик1',
  'ПлательщикСчет',
  'ПлательщикРасчСчет',
  'ПлательщикИНН',
  'ПолучательСчет',
  'ПолучательРасчСчет',
  'НазначениеПлатежа',
  'НазначениеПлатежа1',
  'НазначениеПлатежа2',
  'НазначениеПлатежа3',
  'НазначениеПлатежа4',
  'НазначениеПлатежа5',
  'НазначениеПлатежа6',
  'ДатаПоступило',
  'ДатаСписано',
]);

type Document = Map<string, string>;

const firstLineIs1C = (text: string) => text.slice(0, 64).split(/\r\n|\r|\n/, 1)[0]!.trim() === ONE_C_FIRST_LINE;

/** The text of the file: UTF-8 when it is valid UTF-8, else Windows-1251, or CP866 when the file says DOS. */
function decodeOneC(bytes: Uint8Array): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (firstLineIs1C(text)) return text;
  } catch {
    // Not UTF-8: one of the single-byte encodings the format names.
  }
  const windows = new TextDecoder('windows-1251').decode(bytes);
  if (!/^Кодировка\s*=/m.test(windows)) {
    const dos = new TextDecoder('ibm866').decode(bytes);
    if (/^Кодировка\s*=\s*DOS\s*$/im.test(dos)) return dos;
  }
  return windows;
}

const dateOf = (text: string | undefined) => {
  const match = text ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text) : null;
  return match ? isoDate(match[3]!, match[2]!, match[1]!) : null;
};

/** "ИНН 7700000000 КПП 770001001 ООО Ромашка" as the name alone. */
const withoutTaxIds = (name: string) => name.replace(/^\s*ИНН\s*\d+\s*(КПП\s*\d+\s*)?/i, '');

function purposeOf(document: Document): string {
  const whole = document.get('НазначениеПлатежа');
  if (whole) return whole;
  // Older programs split the purpose into numbered lines.
  return [1, 2, 3, 4, 5, 6].map((n) => document.get(`НазначениеПлатежа${n}`) ?? '').filter((line) => line !== '').join(' ');
}

const amountOf = (document: Document) => {
  const raw = document.get('Сумма');
  if (raw === undefined || raw === '') throw refuse(`has a document without its amount (Сумма)${numbered(document)}`);
  return { raw, minor: minorUnits(raw.replace(/[\s\u00a0]/g, '').replace(',', '.'), currencyDigits(CURRENCY), CURRENCY) };
};

const numbered = (document: Document) => {
  const number = document.get('Номер');
  return number ? `: document ${quoted(number)}` : '';
};

export function parseOneC(bytes: Uint8Array): ParsedStatement {
  checkSize(bytes);
  const text = decodeOneC(bytes);
  if (!firstLineIs1C(text)) throw refuse(`is not a ${ONE_C_FIRST_LINE} file`);

  const accounts: string[] = [];
  const documents: Document[] = [];
  let document: Document | null = null;
  let ended = false;
  // Line by line without splitting the whole text: a file of millions of short lines stays one string.
  const breaks = /\r\n|\r|\n/g;
  for (let start = 0; ; ) {
    const found = breaks.exec(text);
    const line = text.slice(start, found ? found.index : text.length);
    start = breaks.lastIndex;
    const equals = line.indexOf('=');
    const key = (equals < 0 ? line : line.slice(0, equals)).trim();
    const value = equals < 0 ? '' : clip(line.slice(equals + 1).trim(), LONGEST_TEXT);
    if (document) {
      if (key === 'КонецДокумента') {
        documents.push(document);
        document = null;
      } else if (key === 'СекцияДокумент' || key === 'КонецФайла') {
        throw refuse(`has a document that does not end (КонецДокумента)${numbered(document)}`);
      } else if (KEPT.has(key) && !document.has(key)) document.set(key, value);
    } else if (key === 'СекцияДокумент') {
      if (documents.length >= MAX_DOCUMENTS) throw refuse(`has more than ${MAX_DOCUMENTS} documents: export a shorter period`);
      document = new Map();
    } else if (key === 'РасчСчет' && value !== '') accounts.push(value);
    else if (key === 'КонецФайла') {
      ended = true;
      break;
    }
    if (!found) break;
  }
  if (document) throw refuse(`has a document that does not end (КонецДокумента)${numbered(document)}`);
  if (!ended) throw refuse('does not end with КонецФайла: the file is cut short');

  const own = new Set(accounts);
  const list = new CreditList();
  let debits = 0;
  for (const doc of documents) {
    const payerAccount = doc.get('ПлательщикСчет') || doc.get('ПлательщикРасчСчет') || '';
    const payeeAccount = doc.get('ПолучательСчет') || doc.get('ПолучательРасчСчет') || '';
    let incoming: boolean | null;
    if (own.size > 0) {
      // Paid from the statement's own account (to anyone, one of its own accounts too): money going out.
      incoming = own.has(payerAccount) ? false : own.has(payeeAccount) ? true : null;
    } else {
      // No account named: the bank's marks of money received or written off, else who paid whom.
      const received = Boolean(doc.get('ДатаПоступило'));
      const writtenOff = Boolean(doc.get('ДатаСписано'));
      incoming = received !== writtenOff ? received : payeeAccount !== payerAccount ? true : null;
    }
    if (incoming === null) continue;
    const amount = amountOf(doc);
    if (!incoming) {
      debits++;
      continue;
    }
    positive(amount.minor, amount.raw);
    const date = dateOf(doc.get('Дата'));
    const fields = {
      amountMinor: amount.minor,
      currency: CURRENCY,
      bookedOn: dateOf(doc.get('ДатаПоступило')) ?? date,
      payerName: field(doc.get('Плательщик1')) ?? field(withoutTaxIds(doc.get('Плательщик') ?? '')),
      payerAccount: field(payerAccount, 64),
      text: clip(field(purposeOf(doc), LONGEST_TEXT) ?? '', LONGEST_TEXT),
    };
    const number = field(doc.get('Номер'));
    const payer = field(payerAccount, 64) ?? field(doc.get('ПлательщикИНН'), 64);
    list.add({ ...fields, entryId: number && date && payer ? `${number}/${date}/${payer}` : hashedId(fields) });
  }
  return { format: '1c', account: theAccount(accounts), credits: list.credits, debits };
}
