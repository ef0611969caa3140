import { describe, expect, it } from 'vitest';
import { parseCamt053 } from '../../src/domain/bank-statements/camt053.js';
import { parseOneC } from '../../src/domain/bank-statements/one-c.js';
import { MAX_STATEMENT_BYTES, parseBankStatement } from '../../src/domain/bank-statements/parse.js';
import { DomainError } from '../../src/domain/errors.js';
import { camt053, cp1251, oneCEntryId, oneCFile } from '../helpers/bank-files.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** What the refusal says about `file`, after checking it is a 400-type refusal (a hang would meet the test's timeout). */
function refusal(bytes: Uint8Array, fileName?: string): string {
  let caught: unknown;
  try {
    parseBankStatement(bytes, fileName);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const error = caught as DomainError;
  expect(error.code).toBe('validation_failed');
  const details = error.details as Record<string, string>;
  expect(Object.keys(details)).toEqual(['file']);
  return details.file!;
}

/** A camt.053 document around the given entries (unprefixed, 001.08). */
const statement = (entries: string, account = '<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>') =>
  utf8(
    `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>` +
      `<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-06T06:00:00</CreDtTm></GrpHdr><Stmt><Id>S1</Id>${account}${entries}</Stmt></BkToCstmrStmt></Document>`,
  );

const creditEntry = (amount: string, ccy = 'EUR', ref = 'R1') =>
  `<Ntry><Amt${ccy ? ` Ccy="${ccy}"` : ''}>${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><AcctSvcrRef>${ref}</AcctSvcrRef></Ntry>`;

/** A statement of 001.08 as a German bank writes it, with a namespace prefix on every element. */
const REALISTIC = `<?xml version="1.0" encoding="UTF-8"?>
<ns2:Document xmlns:ns2="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <ns2:BkToCstmrStmt>
    <ns2:GrpHdr><ns2:MsgId>053D2026030600001</ns2:MsgId><ns2:CreDtTm>2026-03-06T05:12:00+01:00</ns2:CreDtTm></ns2:GrpHdr>
    <ns2:Stmt>
      <ns2:Id>053D2026030600001</ns2:Id>
      <ns2:ElctrncSeqNb>45</ns2:ElctrncSeqNb>
      <ns2:Acct>
        <ns2:Id><ns2:IBAN>DE89370400440532013000</ns2:IBAN></ns2:Id>
        <ns2:Ccy>EUR</ns2:Ccy>
        <ns2:Ownr><ns2:Nm>Rhein Bustouren GmbH</ns2:Nm><ns2:Id><ns2:OrgId><ns2:Othr><ns2:Id>OWNER-1</ns2:Id></ns2:Othr></ns2:OrgId></ns2:Id></ns2:Ownr>
      </ns2:Acct>
      <ns2:Bal><ns2:Tp><ns2:CdOrPrtry><ns2:Cd>PRCD</ns2:Cd></ns2:CdOrPrtry></ns2:Tp><ns2:Amt Ccy="EUR">1000.00</ns2:Amt><ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd><ns2:Dt><ns2:Dt>2026-03-05</ns2:Dt></ns2:Dt></ns2:Bal>
      <ns2:Ntry>
        <ns2:Amt Ccy="EUR">480.00</ns2:Amt>
        <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
        <ns2:Sts><ns2:Cd>BOOK</ns2:Cd></ns2:Sts>
        <ns2:BookgDt><ns2:Dt>2026-03-05</ns2:Dt></ns2:BookgDt>
        <ns2:ValDt><ns2:Dt>2026-03-06</ns2:Dt></ns2:ValDt>
        <ns2:AcctSvcrRef>2026030512345</ns2:AcctSvcrRef>
        <ns2:BkTxCd><ns2:Domn><ns2:Cd>PMNT</ns2:Cd><ns2:Fmly><ns2:Cd>RCDT</ns2:Cd><ns2:SubFmlyCd>ESCT</ns2:SubFmlyCd></ns2:Fmly></ns2:Domn></ns2:BkTxCd>
        <ns2:NtryDtls>
          <ns2:TxDtls>
            <ns2:Refs><ns2:AcctSvcrRef>TX-9001</ns2:AcctSvcrRef><ns2:EndToEndId>E2E-77</ns2:EndToEndId></ns2:Refs>
            <ns2:Amt Ccy="EUR">480.00</ns2:Amt>
            <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
            <ns2:RltdPties>
              <ns2:Dbtr><ns2:Pty><ns2:Nm>Maria  Schneider</ns2:Nm><ns2:PstlAdr><ns2:TwnNm>Köln</ns2:TwnNm></ns2:PstlAdr></ns2:Pty></ns2:Dbtr>
              <ns2:DbtrAcct><ns2:Id><ns2:IBAN>DE02120300000000202051</ns2:IBAN></ns2:Id></ns2:DbtrAcct>
              <ns2:Cdtr><ns2:Pty><ns2:Nm>Rhein Bustouren GmbH</ns2:Nm></ns2:Pty></ns2:Cdtr>
            </ns2:RltdPties>
            <ns2:RmtInf><ns2:Ustrd>Buchung D-1042 Rhein</ns2:Ustrd><ns2:Ustrd>und Mosel, 2 Personen</ns2:Ustrd></ns2:RmtInf>
          </ns2:TxDtls>
        </ns2:NtryDtls>
      </ns2:Ntry>
      <ns2:Ntry>
        <ns2:Amt Ccy="EUR">120.50</ns2:Amt>
        <ns2:CdtDbtInd>DBIT</ns2:CdtDbtInd>
        <ns2:Sts><ns2:Cd>BOOK</ns2:Cd></ns2:Sts>
        <ns2:BookgDt><ns2:Dt>2026-03-05</ns2:Dt></ns2:BookgDt>
        <ns2:AcctSvcrRef>2026030512346</ns2:AcctSvcrRef>
        <ns2:NtryDtls><ns2:TxDtls><ns2:RltdPties><ns2:Cdtr><ns2:Pty><ns2:Nm>Diesel AG</ns2:Nm></ns2:Pty></ns2:Cdtr></ns2:RltdPties></ns2:TxDtls></ns2:NtryDtls>
      </ns2:Ntry>
      <ns2:Ntry>
        <ns2:Amt Ccy="EUR">900.00</ns2:Amt>
        <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
        <ns2:Sts><ns2:Cd>BOOK</ns2:Cd></ns2:Sts>
        <ns2:BookgDt><ns2:DtTm>2026-03-05T14:30:00+01:00</ns2:DtTm></ns2:BookgDt>
        <ns2:AcctSvcrRef>BATCH-7</ns2:AcctSvcrRef>
        <ns2:NtryDtls>
          <ns2:Btch><ns2:NbOfTxs>3</ns2:NbOfTxs></ns2:Btch>
          <ns2:TxDtls>
            <ns2:Refs><ns2:EndToEndId>NOTPROVIDED</ns2:EndToEndId></ns2:Refs>
            <ns2:Amt Ccy="EUR">300.00</ns2:Amt>
            <ns2:RltdPties><ns2:Dbtr><ns2:Pty><ns2:Nm>Jan de Vries</ns2:Nm></ns2:Pty></ns2:Dbtr><ns2:DbtrAcct><ns2:Id><ns2:Othr><ns2:Id>NL-4471</ns2:Id></ns2:Othr></ns2:Id></ns2:DbtrAcct></ns2:RltdPties>
            <ns2:RmtInf><ns2:Ustrd>D-1050</ns2:Ustrd></ns2:RmtInf>
          </ns2:TxDtls>
          <ns2:TxDtls>
            <ns2:Refs><ns2:EndToEndId>E2E-2</ns2:EndToEndId></ns2:Refs>
            <ns2:Amt Ccy="EUR">350.00</ns2:Amt>
            <ns2:RltdPties><ns2:Dbtr><ns2:Pty><ns2:Nm>Anna Novak</ns2:Nm></ns2:Pty></ns2:Dbtr></ns2:RltdPties>
            <ns2:RmtInf>
              <ns2:Ustrd>Anzahlung</ns2:Ustrd>
              <ns2:Strd><ns2:CdtrRefInf><ns2:Tp><ns2:CdOrPrtry><ns2:Cd>SCOR</ns2:Cd></ns2:CdOrPrtry></ns2:Tp><ns2:Ref>RF18539007547034</ns2:Ref></ns2:CdtrRefInf></ns2:Strd>
            </ns2:RmtInf>
          </ns2:TxDtls>
          <ns2:TxDtls>
            <ns2:Refs><ns2:EndToEndId>E2E-3</ns2:EndToEndId></ns2:Refs>
            <ns2:AmtDtls><ns2:TxAmt><ns2:Amt Ccy="EUR">250.00</ns2:Amt></ns2:TxAmt></ns2:AmtDtls>
            <ns2:AddtlTxInf>Gutschrift ohne Verwendungszweck</ns2:AddtlTxInf>
          </ns2:TxDtls>
        </ns2:NtryDtls>
        <ns2:AddtlNtryInf>SEPA Sammelgutschrift</ns2:AddtlNtryInf>
      </ns2:Ntry>
      <ns2:Ntry>
        <ns2:Amt Ccy="EUR">75.00</ns2:Amt>
        <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
        <ns2:RvslInd>true</ns2:RvslInd>
        <ns2:Sts><ns2:Cd>BOOK</ns2:Cd></ns2:Sts>
        <ns2:AcctSvcrRef>RETURN-1</ns2:AcctSvcrRef>
      </ns2:Ntry>
      <ns2:Ntry>
        <ns2:Amt Ccy="EUR">60.00</ns2:Amt>
        <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
        <ns2:Sts><ns2:Cd>PDNG</ns2:Cd></ns2:Sts>
        <ns2:AcctSvcrRef>PENDING-1</ns2:AcctSvcrRef>
      </ns2:Ntry>
      <ns2:Ntry>
        <ns2:NtryRef>NR-55</ns2:NtryRef>
        <ns2:Amt Ccy="EUR">40</ns2:Amt>
        <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
        <ns2:Sts><ns2:Cd>BOOK</ns2:Cd></ns2:Sts>
        <ns2:ValDt><ns2:Dt>2026-03-04</ns2:Dt></ns2:ValDt>
        <ns2:AddtlNtryInf>Bareinzahlung Filiale 12</ns2:AddtlNtryInf>
      </ns2:Ntry>
      <ns2:Ntry>
        <ns2:Amt Ccy="EUR">15.00</ns2:Amt>
        <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
        <ns2:Sts><ns2:Cd>BOOK</ns2:Cd></ns2:Sts>
        <ns2:BookgDt><ns2:Dt>2026-03-05</ns2:Dt></ns2:BookgDt>
        <ns2:NtryDtls><ns2:TxDtls><ns2:Refs><ns2:EndToEndId>NOTPROVIDED</ns2:EndToEndId></ns2:Refs><ns2:RmtInf><ns2:Ustrd>Kaffee</ns2:Ustrd></ns2:RmtInf></ns2:TxDtls></ns2:NtryDtls>
      </ns2:Ntry>
    </ns2:Stmt>
  </ns2:BkToCstmrStmt>
</ns2:Document>
`;

describe('camt.053 statements', () => {
  it('reads the credits of a 001.08 statement: batched entries, structured references, reversals and debits skipped', () => {
    const parsed = parseBankStatement(utf8(REALISTIC), 'auszug.xml');
    expect(parsed.format).toBe('camt.053');
    expect(parsed.account).toBe('DE89370400440532013000');
    // The debit and the reversal; the pending entry is not counted at all.
    expect(parsed.debits).toBe(2);
    const [single, ...rest] = parsed.credits;
    expect(single).toEqual({
      entryId: 'TX-9001',
      amountMinor: 48_000,
      currency: 'EUR',
      bookedOn: '2026-03-05',
      payerName: 'Maria Schneider',
      payerAccount: 'DE02120300000000202051',
      text: 'Buchung D-1042 Rhein und Mosel, 2 Personen',
    });
    expect(rest.map((c) => [c.entryId, c.amountMinor, c.bookedOn, c.payerName, c.payerAccount, c.text])).toEqual([
      ['BATCH-7/1', 30_000, '2026-03-05', 'Jan de Vries', 'NL-4471', 'D-1050'],
      ['BATCH-7/2', 35_000, '2026-03-05', 'Anna Novak', null, 'Anzahlung RF18539007547034'],
      ['BATCH-7/3', 25_000, '2026-03-05', null, null, 'Gutschrift ohne Verwendungszweck'],
      ['NR-55', 4_000, '2026-03-04', null, null, 'Bareinzahlung Filiale 12'],
      [expect.stringMatching(/^h:[0-9a-f]{64}$/), 1_500, '2026-03-05', null, null, 'Kaffee'],
    ]);
    // The same file gives the same ids, the hashed one too.
    expect(parseBankStatement(utf8(REALISTIC)).credits.map((c) => c.entryId)).toEqual(parsed.credits.map((c) => c.entryId));
    // Saved as UTF-16 with its byte order mark, it is the same statement.
    expect(parseBankStatement(Buffer.from(`\ufeff${REALISTIC.replace('UTF-8', 'UTF-16')}`, 'utf16le'))).toEqual(parsed);
  });

  it('reads the payer as version 001.02 writes it (Dbtr/Nm, AmtDtls, Sts as text, Othr account)', () => {
    const xml = `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>X</MsgId><CreDtTm>2025-11-02T08:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>1</Id><Acct><Id><Othr><Id>0532013000</Id></Othr></Id></Acct>
    <Ntry><Amt Ccy="CHF">1250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>2025-11-01</Dt></BookgDt><ValDt><Dt>2025-11-02</Dt></ValDt>
      <NtryDtls><TxDtls>
        <Refs><AcctSvcrRef>ZKB-2025-77</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
        <AmtDtls><InstdAmt><Amt Ccy="EUR">1300.00</Amt></InstdAmt><TxAmt><Amt Ccy="CHF">1250.00</Amt></TxAmt></AmtDtls>
        <RltdPties><Dbtr><Nm>Beat Müller</Nm></Dbtr><DbtrAcct><Id><IBAN>CH9300762011623852957</IBAN></Id></DbtrAcct></RltdPties>
        <RmtInf><Strd><CdtrRefInf><Ref>210000000003139471430009017</Ref></CdtrRefInf></Strd></RmtInf>
      </TxDtls></NtryDtls>
    </Ntry>
  </Stmt></BkToCstmrStmt></Document>`;
    expect(parseBankStatement(utf8(xml))).toEqual({
      format: 'camt.053',
      account: '0532013000',
      debits: 0,
      credits: [
        {
          entryId: 'ZKB-2025-77',
          amountMinor: 125_000,
          currency: 'CHF',
          bookedOn: '2025-11-01',
          payerName: 'Beat Müller',
          payerAccount: 'CH9300762011623852957',
          text: '210000000003139471430009017',
        },
      ],
    });
  });

  it('turns amounts into minor units exactly, by the currency’s decimals', () => {
    const amount = (text: string, ccy = 'EUR') => parseBankStatement(statement(creditEntry(text, ccy))).credits[0]!.amountMinor;
    expect(amount('1500')).toBe(150_000);
    expect(amount('1500.5')).toBe(150_050);
    expect(amount('0.01')).toBe(1);
    expect(amount('0.29')).toBe(29);
    expect(amount('1234567.89')).toBe(123_456_789);
    expect(amount('1500', 'JPY')).toBe(1_500);
    expect(amount('1500.00', 'JPY')).toBe(1_500);
    expect(amount('10.000', 'EUR')).toBe(1_000);
    expect(amount('12.345', 'BHD')).toBe(12_345);
    expect(parseBankStatement(statement(creditEntry('7', 'jpy'))).credits[0]!.currency).toBe('JPY');
  });

  it('tells the entries of several statements apart and gives a repeated reference a number', () => {
    const twice = statement(creditEntry('1', 'EUR', 'SAME') + creditEntry('2', 'EUR', 'SAME'));
    expect(parseBankStatement(twice).credits.map((c) => c.entryId)).toEqual(['SAME', 'SAME#2']);
    const xml = `<Document><BkToCstmrStmt><Stmt><Acct><Id><IBAN>A1</IBAN></Id></Acct>${creditEntry('1')}</Stmt><Stmt><Acct><Id><IBAN>A2</IBAN></Id></Acct>${creditEntry('2', 'USD', 'R2')}</Stmt></BkToCstmrStmt></Document>`;
    const parsed = parseBankStatement(utf8(xml));
    expect(parsed.account).toBeNull();
    expect(parsed.credits.map((c) => [c.entryId, c.currency])).toEqual([
      ['R1', 'EUR'],
      ['R2', 'USD'],
    ]);
  });

  it('reads the files the test helper builds back as they were given', () => {
    const credits = [
      { entryId: 'A-1', amountMinor: 15_000, text: 'Booking D-7 & friends <2 seats>', payerName: 'Ivan Petrov', bookedOn: '2026-05-01' },
      { entryId: 'A-2', amountMinor: 990, currency: 'JPY', text: 'Tokyo' },
    ];
    const parsed = parseBankStatement(camt053({ account: 'BG80BNBG96611020345678', credits, debits: 2 }));
    expect(parsed.account).toBe('BG80BNBG96611020345678');
    expect(parsed.debits).toBe(2);
    expect(parsed.credits[0]).toEqual({ entryId: 'A-1', amountMinor: 15_000, currency: 'EUR', bookedOn: '2026-05-01', payerName: 'Ivan Petrov', payerAccount: null, text: 'Booking D-7 & friends <2 seats>' });
    expect(parsed.credits[1]).toMatchObject({ entryId: 'A-2', amountMinor: 990, currency: 'JPY', payerName: null, text: 'Tokyo' });
  });
});

describe('what a statement must not be', () => {
  it('empty, too large, or not a statement at all', () => {
    expect(refusal(new Uint8Array(0))).toBe('is empty');
    expect(refusal(utf8(' \r\n\t'))).toBe('is empty');
    expect(refusal(new Uint8Array(MAX_STATEMENT_BYTES + 1).fill(0x3c))).toMatch(/larger than 10 MB/);
    expect(refusal(utf8('Date;Amount;Text\n2026-01-01;10;x'), 'export.csv')).toMatch(/^is a spreadsheet: export the statement/);
    expect(refusal(utf8('%PDF-1.7 ...'), 'statement.pdf')).toMatch(/^is a PDF/);
    expect(refusal(utf8(':20:STARTUMSE\n:25:10020030/1234567\n'))).toMatch(/^is not a bank statement/);
  });

  it('malformed XML, or XML of another kind', () => {
    expect(refusal(utf8('<Document><BkToCstmrStmt><Stmt></Document>'))).toMatch(/^is not well-formed XML/);
    expect(refusal(utf8('<Document><BkToCstmrStmt><Stmt>'))).toMatch(/^is not well-formed XML/);
    expect(refusal(Buffer.concat([utf8('<Document><BkToCstmrStmt><Stmt><Acct><Id><IBAN>'), Buffer.from([0xff, 0xfe, 0x41]), utf8('</IBAN></Id></Acct></Stmt></BkToCstmrStmt></Document>')]))).toBe('is not valid utf-8 text');
    expect(refusal(utf8('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"><BkToCstmrAcctRpt/></Document>'))).toBe('is a camt.052 account report, not a camt.053 statement');
    expect(refusal(utf8('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn/></Document>'))).toBe('is a camt.054 notification, not a camt.053 statement');
    expect(refusal(utf8('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>'))).toBe('is a pain.001 payment order, not a camt.053 statement');
    expect(refusal(utf8('<html><body>Statement</body></html>'))).toBe('is not a camt.053 statement');
    expect(refusal(utf8('<Document><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt></Document>'))).toMatch(/^holds no statement \(Stmt\)/);
  });

  it('any DOCTYPE: entity expansion and external entities are shut out before anything is expanded', () => {
    const lolz = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&lol9;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>',
    ].join('\n');
    expect(refusal(utf8(lolz))).toMatch(/^declares a DOCTYPE/);
    const xxe = `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&xxe;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    expect(refusal(utf8(xxe))).toMatch(/^declares a DOCTYPE/);
    expect(refusal(utf8('<!DOCTYPE Document SYSTEM "http://example.com/camt.dtd"><Document/>'))).toMatch(/^declares a DOCTYPE/);
    // A document type that never ends is refused before it is all held.
    expect(refusal(utf8(`<!DOCTYPE x [${'<!ENTITY a "b">'.repeat(MAX_STATEMENT_BYTES / 16)}`))).toMatch(/^declares a DOCTYPE/);
    // An entity the file did not declare is no entity.
    expect(refusal(statement(`<Ntry><AddtlNtryInf>&lol;</AddtlNtryInf></Ntry>`))).toMatch(/^is not well-formed XML/);
  });

  it('hostile shapes of 10 MB: deep nesting, one endless text, comment or tag, thousands of attributes', () => {
    const fill = (head: string, unit: string) => utf8(head + unit.repeat(Math.floor((MAX_STATEMENT_BYTES - head.length) / unit.length)));
    expect(refusal(fill('<Document><BkToCstmrStmt>', '<Stmt>'))).toBe('nests elements more than 64 deep: not a bank statement');
    expect(refusal(fill('<Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>', 'x'))).toBe('runs on for more than 1 MB without markup: not a bank statement');
    expect(refusal(fill('<Document><BkToCstmrStmt><!--', 'x'))).toBe('runs on for more than 1 MB without markup: not a bank statement');
    expect(refusal(fill('<Document><BkToCstmrStmt><Stmt', ' a="b"  '))).toBe('runs on for more than 1 MB without markup: not a bank statement');
    let attributes = '';
    for (let i = 0; attributes.length < MAX_STATEMENT_BYTES - 100; i++) attributes += ` a${i}="1"`;
    expect(refusal(utf8(`<Document><BkToCstmrStmt><Stmt${attributes}>`))).toBe('runs on for more than 1 MB without markup: not a bank statement');
    // Ten megabytes of short elements are read to the end (about a second here; nothing in the test is timed).
    const siblings = fill('<Document><BkToCstmrStmt><Stmt>', '<x>1</x>');
    const parsed = parseBankStatement(Buffer.concat([siblings.subarray(0, siblings.length - 40), utf8('</Stmt></BkToCstmrStmt></Document>')]));
    expect(parsed).toEqual({ format: 'camt.053', account: null, credits: [], debits: 0 });
  });

  it('amounts that are no amount, not above zero, with too many decimals or no currency', () => {
    expect(refusal(statement(creditEntry('abc')))).toBe('has an amount that is not a number: "abc"');
    expect(refusal(statement(creditEntry('1e3')))).toBe('has an amount that is not a number: "1e3"');
    expect(refusal(statement(creditEntry('-5.00')))).toBe('has an amount that is not a number: "-5.00"');
    expect(refusal(statement(creditEntry('1,50')))).toBe('has an amount that is not a number: "1,50"');
    expect(refusal(statement(creditEntry('')))).toBe('has an amount that is not a number: ""');
    expect(refusal(statement(creditEntry('0.00')))).toBe('has a credit whose amount is not above zero: "0.00"');
    expect(refusal(statement(creditEntry('10.005')))).toBe('has an amount with more decimals than EUR has (2): "10.005"');
    expect(refusal(statement(creditEntry('1500.5', 'JPY')))).toBe('has an amount with more decimals than JPY has (0): "1500.5"');
    expect(refusal(statement(creditEntry('10.00', '')))).toBe('has an amount without its currency (Ccy): "10.00"');
    expect(refusal(statement(creditEntry('10.00', 'EURO')))).toBe('has an amount whose currency is not an ISO 4217 code: "EURO"');
    expect(refusal(statement(creditEntry('99999999999999')))).toMatch(/^has an amount too large/);
    expect(refusal(statement('<Ntry><CdtDbtInd>CRDT</CdtDbtInd></Ntry>'))).toBe('has an entry without an amount (Ntry/Amt)');
    expect(refusal(statement('<Ntry><Amt Ccy="EUR">1</Amt></Ntry>'))).toBe('has an entry that is neither a credit nor a debit (CdtDbtInd "")');
  });

  it('more than 20,000 credits', () => {
    const entries = Array.from({ length: 20_001 }, (_, i) => `<Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><AcctSvcrRef>${i}</AcctSvcrRef></Ntry>`).join('');
    expect(refusal(statement(entries))).toBe('has more than 20000 credits: export a shorter period');
    expect(parseBankStatement(statement(entries.slice(0, entries.lastIndexOf('<Ntry>')))).credits).toHaveLength(20_000);
  });
});

/** A 1C file written by hand: an incoming payment, an outgoing one, a refund without payer account. */
const ONE_C = [
  '1CClientBankExchange',
  'ВерсияФормата=1.03',
  'Кодировка=Windows',
  'Отправитель=СберБизнес',
  'ДатаНачала=01.03.2026',
  'ДатаКонца=05.03.2026',
  'РасчСчет=40702810900000012345',
  'СекцияРасчСчет',
  'РасчСчет=40702810900000012345',
  'НачальныйОстаток=0.00',
  'КонецРасчСчет',
  'СекцияДокумент=Платежное поручение',
  'Номер=381',
  'Дата=03.03.2026',
  'Сумма=15000,00',
  'ПлательщикСчет=40817810099910004312',
  'Плательщик=ИНН 771234567890 Ёлкина Анна Сергеевна',
  'ПлательщикИНН=771234567890',
  'ПолучательСчет=40702810900000012345',
  'ДатаПоступило=04.03.2026',
  'НазначениеПлатежа=Оплата по договору № Д-1042 за экскурсию «Золотое кольцо», НДС не облагается',
  'КонецДокумента',
  'СекцияДокумент=Платежное поручение',
  'Номер=12',
  'Дата=04.03.2026',
  'Сумма=52000.00',
  'ПлательщикСчет=40702810900000012345',
  'Плательщик1=ООО «Экскурсии»',
  'ПолучательСчет=40702810400000099999',
  'ДатаСписано=04.03.2026',
  'НазначениеПлатежа=Аренда автобуса',
  'КонецДокумента',
  'СекцияДокумент=Банковский ордер',
  'Номер=7',
  'Дата=05.03.2026',
  'Сумма=300',
  'ПлательщикИНН=7707083893',
  'Плательщик1=ПАО Сбербанк',
  'ПолучательСчет=40702810900000012345',
  'НазначениеПлатежа1=Возврат',
  'НазначениеПлатежа2=комиссии',
  'КонецДокумента',
  'КонецФайла',
  '',
].join('\r\n');

describe('1CClientBankExchange files', () => {
  it('reads a Windows-1251 file: incoming documents are credits, those paid from the account debits', () => {
    const parsed = parseBankStatement(cp1251(ONE_C), 'kl_to_1c.txt');
    expect(parsed.format).toBe('1c');
    expect(parsed.account).toBe('40702810900000012345');
    expect(parsed.debits).toBe(1);
    expect(parsed.credits).toEqual([
      {
        entryId: '381/2026-03-03/40817810099910004312',
        amountMinor: 1_500_000,
        currency: 'RUB',
        bookedOn: '2026-03-04',
        payerName: 'Ёлкина Анна Сергеевна',
        payerAccount: '40817810099910004312',
        text: 'Оплата по договору № Д-1042 за экскурсию «Золотое кольцо», НДС не облагается',
      },
      { entryId: '7/2026-03-05/7707083893', amountMinor: 30_000, currency: 'RUB', bookedOn: '2026-03-05', payerName: 'ПАО Сбербанк', payerAccount: null, text: 'Возврат комиссии' },
    ]);
  });

  it('reads the same file in UTF-8, with and without its byte order mark', () => {
    const expected = parseBankStatement(cp1251(ONE_C));
    expect(parseBankStatement(utf8(ONE_C))).toEqual(expected);
    expect(parseBankStatement(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(ONE_C)]))).toEqual(expected);
    expect(parseOneC(utf8(ONE_C.replaceAll('\r\n', '\n')))).toEqual(expected);
  });

  it('without an account in the header, tells incoming from outgoing by the bank’s dates', () => {
    const text = ONE_C.split('\r\n')
      .filter((line) => !line.startsWith('РасчСчет=') && !line.includes('СекцияРасчСчет') && !line.includes('КонецРасчСчет'))
      .join('\n');
    const parsed = parseBankStatement(utf8(text));
    expect(parsed.account).toBeNull();
    expect(parsed.debits).toBe(1);
    expect(parsed.credits.map((c) => c.amountMinor)).toEqual([1_500_000, 30_000]);
  });

  it('reads the files the test helper builds back', () => {
    const credits = [
      { number: '55', date: '2026-06-01', amountMinor: 1_234_550, payerName: 'Петров Пётр', payerAccount: '40817810500000000001', text: 'Тур «Казань» — 2 места' },
      { number: '56', date: '2026-06-02', amountMinor: 100, payerName: 'Иванова И.', text: 'Предоплата' },
    ];
    const parsed = parseBankStatement(oneCFile({ account: '40702810000000000042', credits }));
    expect(parsed.account).toBe('40702810000000000042');
    expect(parsed.credits.map((c) => [c.entryId, c.amountMinor, c.bookedOn, c.payerName, c.text])).toEqual([
      [oneCEntryId(credits[0]!), 1_234_550, '2026-06-01', 'Петров Пётр', 'Тур «Казань» — 2 места'],
      [expect.stringMatching(/^h:/), 100, '2026-06-02', 'Иванова И.', 'Предоплата'],
    ]);
  });

  it('reads a file the bank wrote for DOS (CP866), as the file says', () => {
    const table = new Map([...new TextDecoder('ibm866').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((char, byte) => [char, byte]));
    const cp866 = Buffer.from([...ONE_C.replace('Кодировка=Windows', 'Кодировка=DOS')].map((char) => table.get(char) ?? 0x3f));
    const parsed = parseBankStatement(cp866);
    expect(parsed.credits[0]).toMatchObject({ payerName: 'Ёлкина Анна Сергеевна', amountMinor: 1_500_000 });
  });

  it('refuses more than 20,000 credits', () => {
    const document = (n: number) => `СекцияДокумент=Платежное поручение\nНомер=${n}\nДата=01.03.2026\nСумма=1\nПолучательСчет=40702810900000012345\nКонецДокумента\n`;
    const head = '1CClientBankExchange\nРасчСчет=40702810900000012345\n';
    const body = (count: number) => Array.from({ length: count }, (_, n) => document(n)).join('');
    expect(refusal(cp1251(`${head}${body(20_001)}КонецФайла\n`))).toBe('has more than 20000 credits: export a shorter period');
    expect(parseBankStatement(cp1251(`${head}${body(20_000)}КонецФайла\n`)).credits).toHaveLength(20_000);
  });

  it('refuses a file cut short, a document without its end or amount, a wrong amount', () => {
    const lines = ONE_C.split('\r\n');
    expect(refusal(utf8(lines.filter((line) => line !== 'КонецФайла').join('\n')))).toBe('does not end with КонецФайла: the file is cut short');
    expect(refusal(utf8(ONE_C.replace('КонецДокумента', '')))).toBe('has a document that does not end (КонецДокумента): document "381"');
    expect(refusal(utf8(ONE_C.replace('Сумма=15000,00', 'Сумма=')))).toBe('has a document without its amount (Сумма): document "381"');
    expect(refusal(utf8(ONE_C.replace('Сумма=15000,00', 'Сумма=15000,001')))).toBe('has an amount with more decimals than RUB has (2): "15000.001"');
    expect(refusal(utf8(ONE_C.replace('Сумма=15000,00', 'Сумма=0')))).toBe('has a credit whose amount is not above zero: "0"');
    expect(refusal(utf8(ONE_C.replace('Сумма=15000,00', 'Сумма=пятнадцать')))).toBe('has an amount that is not a number: "пятнадцать"');
  });
});

describe('the format readers on their own', () => {
  it('refuse the other format', () => {
    expect(() => parseCamt053(cp1251(ONE_C))).toThrow(DomainError);
    expect(() => parseOneC(utf8(REALISTIC))).toThrow(DomainError);
  });
});
