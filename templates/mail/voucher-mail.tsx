/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Tr } from '../tr.js';

export interface VoucherMailProps {
  tr: Tr;
  clientName: string;
  trip: string;
  departsAt: number;
  meetingPoint: string;
  balanceMinor: number;
  currency: string;
  agencyName: string;
  agencyContacts: string;
}

/** The lines of the voucher mail, shared by its HTML and its plain text. */
export function voucherMailLines(p: VoucherMailProps) {
  return {
    subject: p.tr.t('mail.voucher.subject', { trip: p.trip, date: p.tr.date(p.departsAt) }),
    greeting: p.tr.t('mail.greeting', { name: p.clientName }),
    body: p.tr.t('mail.voucher.body', { trip: p.trip }),
    facts: [
      p.tr.t('mail.when', { when: p.tr.dateTime(p.departsAt) }),
      p.tr.t('mail.where', { place: p.meetingPoint }),
      ...(p.balanceMinor > 0 ? [p.tr.t('mail.balance', { amount: p.tr.money(p.balanceMinor, p.currency) })] : []),
    ],
    closing: p.tr.t('mail.closing'),
    signature: [p.agencyName, p.agencyContacts].filter(Boolean),
  };
}

export function VoucherMail(props: VoucherMailProps) {
  const lines = voucherMailLines(props);
  return (
    <html lang={props.tr.locale}>
      <body style="font-family: Arial, sans-serif; color: #1d2330;">
        <p>{lines.greeting}</p>
        <p>{lines.body}</p>
        <ul>
          {lines.facts.map((fact) => (
            <li>{fact}</li>
          ))}
        </ul>
        <p>{lines.closing}</p>
        <p style="color: #5d6677;">
          {lines.signature.map((line) => (
            <>
              {line}
              <br />
            </>
          ))}
        </p>
      </body>
    </html>
  );
}

export function voucherMailText(props: VoucherMailProps): string {
  const lines = voucherMailLines(props);
  return [lines.greeting, '', lines.body, '', ...lines.facts.map((f) => `- ${f}`), '', lines.closing, '', ...lines.signature].join('\n');
}
