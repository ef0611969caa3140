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
        <p>{lines.greeting}</p>
        {lines.body.map((paragraph) => (
          <p>{paragraph}</p>
        ))}
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

export const mailHtml = (locale: Locale, lines: MailLines) => `<!DOCTYPE html>${(<MailHtml locale={locale} lines={lines} />).toString()}`;

export function mailText(lines: MailLines): string {
  return [lines.greeting, '', ...lines.body.flatMap((p) => [p, '']), ...lines.facts.map((f) => `- ${f}`), '', lines.closing, '', ...lines.signature].join('\n');
}
