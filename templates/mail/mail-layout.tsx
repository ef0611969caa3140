/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Locale } from '../../src/domain/context.js';

/** The parts every client mail is made of, shared by its HTML and its plain text. */
export interface MailLines {
  subject: string;
  greeting: string;
  body: string[];
  facts: string[];
  closing: string;
  signature: string[];
  /** The one thing to click (the feedback page, the client's booking page): a button in HTML, the address in plain text. */
  action?: { label: string; href: string };
  /** A quiet line under the signature (unsubscribing). */
  footer?: { label: string; href: string };
}

export function MailHtml({ locale, lines }: { locale: Locale; lines: MailLines }) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{lines.subject}</title>
      </head>
      <body style="font-family: Arial, sans-serif; color: #1d2330;">
        {lines.greeting ? <p>{lines.greeting}</p> : null}
        {lines.body.map((paragraph) => (
          <p>{paragraph}</p>
        ))}
        {lines.facts.length ? (
          <ul>
            {lines.facts.map((fact) => (
              <li>{fact}</li>
            ))}
          </ul>
        ) : null}
        {lines.action ? (
          <p>
            <a href={lines.action.href} style="display: inline-block; padding: 12px 20px; background: #1f5fbf; color: #ffffff; text-decoration: none; border-radius: 6px;">
              {lines.action.label}
            </a>
          </p>
        ) : null}
        {lines.closing ? <p>{lines.closing}</p> : null}
        <p style="color: #5d6677;">
          {lines.signature.map((line) => (
            <>
              {line}
              <br />
            </>
          ))}
        </p>
        {lines.footer ? (
          <p style="color: #5d6677; font-size: 12px;">
            <a href={lines.footer.href} style="color: #5d6677;">
              {lines.footer.label}
            </a>
          </p>
        ) : null}
      </body>
    </html>
  );
}

export const mailHtml = (locale: Locale, lines: MailLines) => `<!DOCTYPE html>${(<MailHtml locale={locale} lines={lines} />).toString()}`;

export function mailText(lines: MailLines): string {
  return [
    ...(lines.greeting ? [lines.greeting, ''] : []),
    ...lines.body.flatMap((p) => [p, '']),
    ...(lines.facts.length ? [...lines.facts.map((f) => `- ${f}`), ''] : []),
    ...(lines.action ? [`${lines.action.label}: ${lines.action.href}`, ''] : []),
    ...(lines.closing ? [lines.closing, ''] : []),
    ...lines.signature,
    ...(lines.footer ? ['', `${lines.footer.label}: ${lines.footer.href}`] : []),
  ].join('\n');
}
