/**
 * An ISO 20022 camt.053 bank statement (any version, 001.02 to 001.13) as the credits it
 * lists. The XML is read as a stream of tags by their local names (namespaces and prefixes
 * do not matter), keeping only the values a credit needs.
 *
 * What a hostile file could do is shut out: a DOCTYPE is refused as soon as the parser
 * meets it (the parser knows only XML's five entities and character references, so nothing
 * declared is ever expanded and nothing outside the file is read), elements nest at most 64
 * deep, no value is kept past a few kilobytes, and markup must come at least every megabyte
 * (one endless text, comment, tag or attribute list is refused before it is all held).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DomainError } from '../errors.js';
import { currencyDigits } from '../money.js';
import { checkSize, clip, CreditList, field, hashedId, isoDate, LONGEST_TEXT, minorUnits, positive, quoted, refuse, theAccount } from './common.js';
import type { BankCredit, ParsedStatement } from './types.js';

/** A statement nests about a dozen elements deep; the parser keeps every open one. */
const DEEPEST = 64;
/** The text is handed to the parser in pieces of this many characters, each checked after. */
const PIECE = 64 * 1024;
/** The longest run of characters without a tag, text or comment ending in it. */
const LONGEST_WITHOUT_MARKUP = 1024 * 1024;
/** The longest value kept of one element (the schema's longest is 500 characters). */
const LONGEST_VALUE = 4 * 1024;

const OTHER_MESSAGES = new Map([
  ['BkToCstmrAcctRpt', 'a camt.052 account report'],
  ['BkToCstmrDbtCdtNtfctn', 'a camt.054 notification'],
  ['CstmrCdtTrfInitn', 'a pain.001 payment order'],
  ['CstmrDrctDbtInitn', 'a pain.008 direct debit order'],
  ['CstmrPmtStsRpt', 'a pain.002 payment status report'],
]);

const notCamt053 = (element: string) => {
  const kind = OTHER_MESSAGES.get(element);
  return refuse(kind ? `is ${kind}, not a camt.053 statement` : 'is not a camt.053 statement');
};
const DOCTYPE = 'declares a DOCTYPE: a statement with a document type or entity declarations is refused';

/** Entries not (yet) booked: a pending credit may still be turned back. */
const NOT_BOOKED = new Set(['PDNG', 'INFO', 'FUTR']);

interface Amount {
  raw: string;
  ccy: string | null;
}

interface Transaction {
  acctSvcrRef: string | null;
  endToEndId: string | null;
  amount: Amount | null;
  txAmount: Amount | null;
  direction: string | null;
  payerName: string | null;
  payerAccount: string | null;
  unstructured: string[];
  references: string[];
  /** Characters of remittance text kept so far. */
  kept: number;
  additional: string | null;
}

interface Entry {
  ntryRef: string | null;
  acctSvcrRef: string | null;
  amount: Amount | null;
  direction: string | null;
  reversal: boolean;
  status: string | null;
  booked: string | null;
  valued: string | null;
  additional: string | null;
  transactions: Transaction[];
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The text of the bytes: by their byte order mark, else the XML declaration's encoding, else UTF-8. */
function decodeXml(bytes: Uint8Array): string {
  let label = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
    label = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]{0,39})["']/.exec(head)?.[1] ?? label;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw refuse(`declares an encoding that is not known: ${quoted(label)}`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw refuse(`is not valid ${label} text`);
  }
}

const dateOf = (text: string) => {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return match ? isoDate(match[1]!, match[2]!, match[3]!) : null;
};

const attribute = (attributes: Record<string, string>, name: string) => {
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name) return value;
  return null;
};

const newTransaction = (): Transaction => ({
  acctSvcrRef: null,
  endToEndId: null,
  amount: null,
  txAmount: null,
  direction: null,
  payerName: null,
  payerAccount: null,
  unstructured: [],
  references: [],
  kept: 0,
  additional: null,
});

const newEntry = (): Entry => ({
  ntryRef: null,
  acctSvcrRef: null,
  amount: null,
  direction: null,
  reversal: false,
  status: null,
  booked: null,
  valued: null,
  additional: null,
  transactions: [],
});

/** An amount in minor units of its own currency; the currency is required. */
function readAmount(amount: Amount): { minor: number; currency: string } {
  const currency = amount.ccy?.trim().toUpperCase();
  if (!currency) throw refuse(`has an amount without its currency (Ccy): ${quoted(amount.raw)}`);
  if (!/^[A-Z]{3}$/.test(currency)) throw refuse(`has an amount whose currency is not an ISO 4217 code: ${quoted(currency)}`);
  return { minor: minorUnits(amount.raw, currencyDigits(currency), currency), currency };
}

/** The words of a transaction: its remittance information, else the bank's additional text. */
function textOf(transaction: Transaction | null, entry: Entry): string {
  const remittance = transaction ? [...transaction.unstructured, ...transaction.references] : [];
  const text = remittance.length > 0 ? remittance.join(' ') : (transaction?.additional ?? entry.additional ?? '');
  return clip(text, LONGEST_TEXT);
}

const endToEnd = (transaction: Transaction) =>
  transaction.endToEndId && transaction.endToEndId.toUpperCase() !== 'NOTPROVIDED' ? transaction.endToEndId : null;

/** The same value of every transaction, or null when they differ. */
function common(values: (string | null)[]): string | null {
  const first = values[0] ?? null;
  return values.every((value) => value === first) ? first : null;
}

export function parseCamt053(bytes: Uint8Array): ParsedStatement {
  checkSize(bytes);
  const xml = decodeXml(bytes);

  const list = new CreditList();
  let debits = 0;
  const accounts: (string | null)[] = [];
  let statement: { account: string | null } | null = null;
  let entry: Entry | null = null;
  let transaction: Transaction | null = null;

  const stack: string[] = [];
  let value = '';
  let leaf = false;
  let valueCcy: string | null = null;

  const credit = (fields: Omit<BankCredit, 'entryId'>, entryId: string | null) => list.add({ ...fields, entryId: entryId ?? hashedId(fields) });

  function finishEntry(e: Entry): void {
    if (!e.amount) throw refuse('has an entry without an amount (Ntry/Amt)');
    const whole = readAmount(e.amount);
    if (e.direction !== 'CRDT' && e.direction !== 'DBIT') throw refuse(`has an entry that is neither a credit nor a debit (CdtDbtInd ${quoted(e.direction ?? '')})`);
    if (e.direction === 'DBIT' || e.reversal) {
      debits++;
      return;
    }
    if (e.status && NOT_BOOKED.has(e.status)) return;
    positive(whole.minor, e.amount.raw);
    const bookedOn = e.booked ?? e.valued;
    const entryRef = e.acctSvcrRef ?? e.ntryRef;
    const count = e.transactions.length;
    if (count === 0) {
      credit({ amountMinor: whole.minor, currency: whole.currency, bookedOn, payerName: null, payerAccount: null, text: textOf(null, e) }, entryRef);
      return;
    }
    // A transaction the bank marks as a debit inside a credit entry (a return netted in a batch) is no payment.
    const credited = e.transactions.map((t, index) => ({ t, index })).filter(({ t }) => t.direction !== 'DBIT');
    debits += count - credited.length;
    const amounts = credited.map(({ t }) => {
      const own = t.amount ?? t.txAmount;
      if (own) {
        const amount = readAmount(own);
        positive(amount.minor, own.raw);
        return amount;
      }
      return count === 1 ? whole : null;
    });
    if (amounts.some((amount) => amount === null)) {
      // Several transactions, not each with its amount: the entry is one credit, its words all theirs.
      const texts = [...new Set(credited.map(({ t }) => textOf(t, e)).filter((text) => text !== ''))];
      credit(
        {
          amountMinor: whole.minor,
          currency: whole.currency,
          bookedOn,
          payerName: common(credited.map(({ t }) => t.payerName)),
          payerAccount: common(credited.map(({ t }) => t.payerAccount)),
          text: clip(texts.join(' '), LONGEST_TEXT),
        },
        entryRef,
      );
      return;
    }
    const ids = credited.map(({ t, index }) => t.acctSvcrRef ?? (entryRef ? (count > 1 ? `${entryRef}/${index + 1}` : entryRef) : null) ?? endToEnd(t));
    credited.forEach(({ t, index }, at) => {
      const amount = amounts[at]!;
      let id = ids[at] ?? null;
      // A reference the bank repeats on every transaction of the entry tells them apart only with their place.
      if (id !== null && count > 1 && ids.indexOf(id) !== ids.lastIndexOf(id)) id = `${id}/${index + 1}`;
      credit({ amountMinor: amount.minor, currency: amount.currency, bookedOn, payerName: t.payerName, payerAccount: t.payerAccount, text: textOf(t, e) }, id);
    });
  }

  function transactionValue(t: Transaction, path: string, text: string): void {
    switch (path) {
      case 'Refs/AcctSvcrRef':
        t.acctSvcrRef = field(text, LONGEST_VALUE);
        break;
      case 'Refs/EndToEndId':
        t.endToEndId = field(text, LONGEST_VALUE);
        break;
      case 'Amt':
        t.amount = { raw: text, ccy: valueCcy };
        break;
      case 'AmtDtls/TxAmt/Amt':
        t.txAmount = { raw: text, ccy: valueCcy };
        break;
      case 'CdtDbtInd':
        t.direction = text.trim();
        break;
      case 'RltdPties/Dbtr/Nm':
      case 'RltdPties/Dbtr/Pty/Nm':
        t.payerName ??= field(text);
        break;
      case 'RltdPties/DbtrAcct/Id/IBAN':
      case 'RltdPties/DbtrAcct/Id/Othr/Id':
        t.payerAccount ??= field(text, 64);
        break;
      case 'RmtInf/Ustrd':
      case 'RmtInf/Strd/CdtrRefInf/Ref': {
        const words = field(text, LONGEST_TEXT);
        if (words && t.kept < LONGEST_TEXT) {
          (path === 'RmtInf/Ustrd' ? t.unstructured : t.references).push(words);
          t.kept += words.length + 1;
        }
        break;
      }
      case 'AddtlTxInf':
        t.additional = field(text, LONGEST_TEXT);
        break;
    }
  }

  function entryValue(e: Entry, path: string, text: string): void {
    switch (path) {
      case 'NtryRef':
        e.ntryRef = field(text, LONGEST_VALUE);
        break;
      case 'AcctSvcrRef':
        e.acctSvcrRef = field(text, LONGEST_VALUE);
        break;
      case 'Amt':
        e.amount = { raw: text, ccy: valueCcy };
        break;
      case 'CdtDbtInd':
        e.direction = text.trim();
        break;
      case 'RvslInd':
        e.reversal = /^\s*(true|1)\s*$/i.test(text);
        break;
      case 'Sts':
      case 'Sts/Cd':
        e.status = text.trim().toUpperCase();
        break;
      case 'BookgDt/Dt':
      case 'BookgDt/DtTm':
        e.booked ??= dateOf(text);
        break;
      case 'ValDt/Dt':
      case 'ValDt/DtTm':
        e.valued ??= dateOf(text);
        break;
      case 'AddtlNtryInf':
        e.additional = field(text, LONGEST_TEXT);
        break;
    }
  }

  function onOpen(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (stack.length >= DEEPEST) throw refuse(`nests elements more than ${DEEPEST} deep: not a bank statement`);
    if (stack.length === 0 && name !== 'Document') throw notCamt053(name);
    if (stack.length === 1 && name !== 'BkToCstmrStmt') throw notCamt053(name);
    stack.push(name);
    value = '';
    leaf = true;
    valueCcy = name === 'Amt' ? attribute(tag.attributes, 'Ccy') : null;
    const depth = stack.length;
    if (depth === 3 && name === 'Stmt') statement = { account: null };
    else if (depth === 4 && name === 'Ntry' && statement) entry = newEntry();
    else if (depth === 6 && name === 'TxDtls' && entry && stack[4] === 'NtryDtls') {
      transaction = newTransaction();
      entry.transactions.push(transaction);
    }
  }

  function onText(text: string): void {
    if (leaf && value.length < LONGEST_VALUE) value += text.length > LONGEST_VALUE ? text.slice(0, LONGEST_VALUE) : text;
  }

  function onClose(): void {
    const depth = stack.length;
    const name = stack[depth - 1];
    if (leaf && statement && depth > 3) {
      const text = clip(value, LONGEST_VALUE);
      if (stack[3] === 'Acct') {
        const path = stack.slice(4).join('/');
        if (path === 'Id/IBAN' || path === 'Id/Othr/Id') statement.account ??= field(text, 64);
      } else if (entry && transaction && depth > 6) transactionValue(transaction, stack.slice(6).join('/'), text);
      else if (entry && depth > 4) entryValue(entry, stack.slice(4).join('/'), text);
    }
    leaf = false;
    if (depth === 6 && name === 'TxDtls') transaction = null;
    else if (depth === 4 && name === 'Ntry' && entry) {
      finishEntry(entry);
      entry = null;
    } else if (depth === 3 && name === 'Stmt' && statement) {
      accounts.push(statement.account);
      statement = null;
    }
    stack.pop();
  }

  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  let heard = false;
  parser.on('error', (error) => {
    throw refuse(`is not well-formed XML: ${clip(error.message, 120)}`);
  });
  parser.on('doctype', () => {
    throw refuse(DOCTYPE);
  });
  parser.on('opentag', (tag) => {
    heard = true;
    onOpen(tag);
  });
  parser.on('closetag', () => {
    heard = true;
    onClose();
  });
  parser.on('text', (text) => {
    heard = true;
    onText(text);
  });
  parser.on('cdata', (text) => {
    heard = true;
    onText(text);
  });
  parser.on('comment', () => (heard = true));
  parser.on('processinginstruction', () => (heard = true));

  let quiet = 0;
  const write = (piece: string | null, at: number) => {
    heard = false;
    try {
      if (piece === null) parser.close();
      else parser.write(piece);
    } catch (error) {
      // The refusals above pass as they are; anything else the parser throws means the XML is broken.
      throw error instanceof DomainError ? error : refuse('is not well-formed XML');
    }
    quiet = heard ? 0 : quiet + (piece?.length ?? 0);
    if (quiet > LONGEST_WITHOUT_MARKUP) {
      // A document type still being read when the limit came is the reason.
      if (stack.length === 0 && xml.lastIndexOf('<!DOCTYPE', at) >= 0) throw refuse(DOCTYPE);
      throw refuse('runs on for more than 1 MB without markup: not a bank statement');
    }
  };
  for (let at = 0; at < xml.length; ) {
    let end = Math.min(xml.length, at + PIECE);
    // A character outside the basic plane is never cut in two.
    const last = xml.charCodeAt(end - 1);
    if (end < xml.length && last >= 0xd800 && last <= 0xdbff) end++;
    write(xml.slice(at, end), end);
    at = end;
  }
  write(null, xml.length);

  if (accounts.length === 0) throw refuse('holds no statement (Stmt): not a camt.053 statement');
  return { format: 'camt.053', account: theAccount(accounts), credits: list.credits, debits };
}
