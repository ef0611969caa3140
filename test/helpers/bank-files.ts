/**
 * Bank statement files as banks export them, built for a test: a camt.053.001.08 XML
 * statement and a 1CClientBankExchange file in Windows-1251.
 */
import { currencyDigits } from '../../src/domain/money.js';

export interface CamtCredit {
  entryId: string;
  amountMinor: number;
  currency?: string;
  text: string;
  payerName?: string;
  /** YYYY-MM-DD; today (UTC) when not given. */
  bookedOn?: string;
}

export interface OneCCredit {
  number: string;
  /** YYYY-MM-DD */
  date: string;
  amountMinor: number;
  payerName: string;
  payerAccount?: string;
  text: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** An amount as statements write it: 150050 EUR is "1500.50", 1500 JPY is "1500". */
export function decimal(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(amountMinor);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const xml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const balance = (code: string, amountMinor: number, currency: string, date: string) =>
  `      <Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${decimal(Math.abs(amountMinor), currency)}</Amt>` +
  `<CdtDbtInd>${amountMinor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

/**
 * A camt.053.001.08 statement of the account: each credit a booked entry whose
 * AcctSvcrRef is its `entryId` (so it parses back with that id), with one transaction
 * holding the payer and the text; then `debits` outgoing entries of 10.00 each.
 */
export function camt053(opts: { account?: string; currency?: string; credits: CamtCredit[]; debits?: number }): Buffer {
  const account = opts.account ?? 'BG80BNBG96611020345678';
  const currency = opts.currency ?? 'EUR';
  const date = today();
  const entries: string[] = [];
  let closing = 0;
  for (const credit of opts.credits) {
    const ccy = credit.currency ?? currency;
    if (ccy === currency) closing += credit.amountMinor;
    const booked = credit.bookedOn ?? date;
    const amount = `<Amt Ccy="${ccy}">${decimal(credit.amountMinor, ccy)}</Amt>`;
    entries.push(
      [
        '      <Ntry>',
        `        ${amount}`,
        '        <CdtDbtInd>CRDT</CdtDbtInd>',
        '        <Sts><Cd>BOOK</Cd></Sts>',
        `        <BookgDt><Dt>${booked}</Dt></BookgDt>`,
        `        <ValDt><Dt>${booked}</Dt></ValDt>`,
        `        <AcctSvcrRef>${xml(credit.entryId)}</AcctSvcrRef>`,
        '        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>',
        '        <NtryDtls>',
        '          <TxDtls>',
        '            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>',
        `            ${amount}`,
        '            <CdtDbtInd>CRDT</CdtDbtInd>',
        credit.payerName ? `            <RltdPties><Dbtr><Pty><Nm>${xml(credit.payerName)}</Nm></Pty></Dbtr></RltdPties>` : '',
        credit.text ? `            <RmtInf><Ustrd>${xml(credit.text)}</Ustrd></RmtInf>` : '',
        '          </TxDtls>',
        '        </NtryDtls>',
        '      </Ntry>',
      ]
        .filter((line) => line !== '')
        .join('\n'),
    );
  }
  for (let i = 1; i <= (opts.debits ?? 0); i++) {
    closing -= 10 * 10 ** currencyDigits(currency);
    entries.push(
      [
        '      <Ntry>',
        `        <Amt Ccy="${currency}">${decimal(10 * 10 ** currencyDigits(currency), currency)}</Amt>`,
        '        <CdtDbtInd>DBIT</CdtDbtInd>',
        '        <Sts><Cd>BOOK</Cd></Sts>',
        `        <BookgDt><Dt>${date}</Dt></BookgDt>`,
        `        <AcctSvcrRef>OUT-${i}</AcctSvcrRef>`,
        '        <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>',
        `          <RltdPties><Cdtr><Pty><Nm>Bus Hire Ltd</Nm></Pty></Cdtr></RltdPties><RmtInf><Ustrd>Invoice ${i}</Ustrd></RmtInf>`,
        '        </TxDtls></NtryDtls>',
        '      </Ntry>',
      ].join('\n'),
    );
  }
  const document = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <BkToCstmrStmt>',
    `    <GrpHdr><MsgId>STMT-${date}</MsgId><CreDtTm>${date}T06:00:00</CreDtTm></GrpHdr>`,
    '    <Stmt>',
    `      <Id>STMT-${date}-1</Id>`,
    '      <ElctrncSeqNb>1</ElctrncSeqNb>',
    `      <CreDtTm>${date}T06:00:00</CreDtTm>`,
    `      <Acct><Id><IBAN>${xml(account)}</IBAN></Id><Ccy>${currency}</Ccy></Acct>`,
    balance('OPBD', 0, currency, date),
    balance('CLBD', closing, currency, date),
    ...entries,
    '    </Stmt>',
    '  </BkToCstmrStmt>',
    '</Document>',
    '',
  ].join('\n');
  return Buffer.from(document, 'utf8');
}

/** Windows-1251 for every character it has: its table is the decoder's, turned around. */
const CP1251 = (() => {
  const table = new Map<string, number>();
  const decoded = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  [...decoded].forEach((char, byte) => {
    if (char !== '\ufffd' && !table.has(char)) table.set(char, byte);
  });
  return table;
})();

export function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const byte = CP1251.get(char);
      if (byte === undefined) throw new Error(`${char} has no Windows-1251 byte`);
      return byte;
    }),
  );
}

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/** The id a credit of `oneCFile` parses with: number, date and payer account (without an account, a hash). */
export const oneCEntryId = (credit: OneCCredit) => (credit.payerAccount ? `${credit.number}/${credit.date}/${credit.payerAccount}` : null);

/**
 * A 1CClientBankExchange file of the account as a Russian bank exports it (Windows-1251,
 * CRLF): the header and the account's section, each credit a payment order paid into the
 * account.
 */
export function oneCFile(opts: { account: string; credits: OneCCredit[] }): Buffer {
  const dates = opts.credits.map((c) => c.date).sort();
  const first = ruDate(dates[0] ?? today());
  const last = ruDate(dates[dates.length - 1] ?? today());
  const total = decimal(
    opts.credits.reduce((sum, c) => sum + c.amountMinor, 0),
    'RUB',
  );
  const lines = [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    'Кодировка=Windows',
    'Отправитель=Интернет-банк',
    'Получатель=Бухгалтерия предприятия',
    `ДатаСоздания=${last}`,
    'ВремяСоздания=09:15:00',
    `ДатаНачала=${first}`,
    `ДатаКонца=${last}`,
    `РасчСчет=${opts.account}`,
    'Документ=Платежное поручение',
    'СекцияРасчСчет',
    `ДатаНачала=${first}`,
    `ДатаКонца=${last}`,
    `РасчСчет=${opts.account}`,
    'НачальныйОстаток=0.00',
    `ВсегоПоступило=${total}`,
    'ВсегоСписано=0.00',
    `КонечныйОстаток=${total}`,
    'КонецРасчСчет',
  ];
  for (const credit of opts.credits) {
    lines.push(
      'СекцияДокумент=Платежное поручение',
      `Номер=${credit.number}`,
      `Дата=${ruDate(credit.date)}`,
      `Сумма=${decimal(credit.amountMinor, 'RUB')}`,
      `ПлательщикСчет=${credit.payerAccount ?? ''}`,
      'ДатаСписано=',
      `Плательщик=${credit.payerName}`,
      `Плательщик1=${credit.payerName}`,
      `ПлательщикРасчСчет=${credit.payerAccount ?? ''}`,
      'ПлательщикБанк1=ПАО Сбербанк',
      'ПлательщикБИК=044525225',
      'ПлательщикКорсчет=30101810400000000225',
      `ПолучательСчет=${opts.account}`,
      `ДатаПоступило=${ruDate(credit.date)}`,
      'Получатель=ООО «Автобусные экскурсии»',
      'ПолучательИНН=7701234567',
      'Получатель1=ООО «Автобусные экскурсии»',
      `ПолучательРасчСчет=${opts.account}`,
      'ПолучательБанк1=АО «Альфа-Банк»',
      'ПолучательБИК=044525593',
      'ПолучательКорсчет=30101810200000000593',
      'ВидОплаты=01',
      'Очередность=5',
      `НазначениеПлатежа=${credit.text}`,
      'КонецДокумента',
    );
  }
  lines.push('КонецФайла', '');
  return cp1251(lines.join('\r\n'));
}
