/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { randomBytes } from 'node:crypto';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Actor } from '../src/domain/context.js';
import type { MessageKey } from '../src/i18n/index.js';
import type { Tr } from './tr.js';

export interface PageFrame {
  tr: Tr;
  actor: Actor | null;
  csrf: string;
  /** The page's own path, so the language switch comes back to it. */
  path: string;
  current?: 'my-day' | 'departures' | 'contacts' | 'inquiries' | 'tasks' | 'campaigns' | 'payments' | 'reports' | 'users';
  flash?: string | null;
  flashTone?: 'ok' | 'warn';
  /** A link the confirmation points to (what an earlier submit of the same form made). */
  flashLink?: { href: string; text: string } | null;
  /** The page answers a posted form (a refusal, or a page shown once): app.js leaves its history entry as it is. */
  posted?: boolean;
}

const NAV: { id: NonNullable<PageFrame['current']>; href: string; label: MessageKey; directorOnly?: boolean; notOperator?: boolean }[] = [
  { id: 'my-day', href: '/', label: 'nav.myDay' },
  { id: 'departures', href: '/departures', label: 'nav.departures' },
  { id: 'contacts', href: '/contacts', label: 'nav.contacts' },
  { id: 'inquiries', href: '/inquiries', label: 'nav.inquiries' },
  { id: 'tasks', href: '/tasks', label: 'nav.tasks' },
  { id: 'campaigns', href: '/campaigns', label: 'nav.campaigns', notOperator: true },
  { id: 'payments', href: '/payments', label: 'nav.money', notOperator: true },
  { id: 'reports', href: '/reports', label: 'nav.reports', directorOnly: true },
  { id: 'users', href: '/users', label: 'nav.users', directorOnly: true },
];

/** A phone that a phone can call: a tel: link, written as people write the number. */
export const PhoneLink = ({ tr, phone }: { tr: Tr; phone: string | null | undefined }) =>
  phone ? (
    <a class="tel" href={`tel:${phone}`}>
      {tr.phone(phone)}
    </a>
  ) : null;

const TOKEN_BYTES = 18;
/** Random bytes drawn in blocks: a coach's boarding page renders a token per form, and a draw per token was a tenth of its time. */
let pool = Buffer.alloc(0);
let taken = 0;

/** A new one-time token for a form being rendered: 144 random bits, URL-safe. */
export function newFormToken(): string {
  if (taken + TOKEN_BYTES > pool.length) {
    pool = randomBytes(TOKEN_BYTES * 256);
    taken = 0;
  }
  const token = pool.toString('base64url', taken, taken + TOKEN_BYTES);
  taken += TOKEN_BYTES;
  return token;
}

/**
 * The hidden fields every state-changing form carries: the session's CSRF token, and a
 * one-time token of this rendered form, so the forms that create something or move money
 * know a second submit of the same form (a double tap, Back and send again, a reload of the
 * answer) and do nothing twice. app.js keeps the first token of each form with the history
 * entry, since Back fetches the page again and the server renders new tokens.
 */
export const CsrfField = ({ csrf, once = true }: { csrf: string; /** false: a form that is the same done twice (a boarding mark), which needs no one-time token. */ once?: boolean }) => (
  <>
    <input type="hidden" name="_csrf" value={csrf} />
    {once && <input type="hidden" name="_once" value={newFormToken()} />}
  </>
);

export function Layout(props: PageFrame & { title: string; children: Child; /** A page's own script, after app.js. */ script?: string }) {
  const { tr, actor } = props;
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang={tr.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · tourdesk`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <script src="/assets/app.js" defer></script>
        {props.script && <script src={props.script} defer></script>}
      </head>
      <body data-posted={props.posted ? 'true' : undefined}>
        <a class="skip" href="#main">
          {tr.t('nav.skip')}
        </a>
        {actor && (
          <header class="top">
            <a class="brand" href="/">tourdesk</a>
            <nav>
              {NAV.filter((item) => (!item.directorOnly || actor.role === 'director') && (!item.notOperator || actor.role !== 'operator')).map((item) => (
                <a href={item.href} class={props.current === item.id ? 'active' : undefined}>
                  {tr.t(item.label)}
                </a>
              ))}
            </nav>
            <div class="who">
              <form method="post" action="/settings/locale" class="inline lang">
                <CsrfField csrf={props.csrf} />
                <input type="hidden" name="back" value={props.path} />
                <label class="sr" for="lang">{tr.t('nav.language')}</label>
                <select id="lang" name="locale" data-autosubmit>
                  {(['en', 'ru', 'bg'] as const).map((l) => (
                    <option value={l} selected={l === tr.locale}>
                      {{ en: 'English', ru: 'Русский', bg: 'Български' }[l]}
                    </option>
                  ))}
                </select>
                <button class="small ghost">{tr.t('common.save')}</button>
              </form>
              <span class="me">{actor.name}</span>
              <form method="post" action="/logout" class="inline">
                <CsrfField csrf={props.csrf} />
                <button class="small ghost">{tr.t('nav.signOut')}</button>
              </form>
            </div>
          </header>
        )}
        <main id="main" tabindex={-1}>
          {props.flash && (
            <p class={props.flashTone === 'warn' ? 'flash warn' : 'flash'} role="status">
              {props.flash}
              {props.flashLink && (
                <>
                  {' '}
                  <a href={props.flashLink.href}>{props.flashLink.text}</a>
                </>
              )}
            </p>
          )}
          {props.children}
        </main>
      </body>
    </html>
    </>
  );
}

/** A labelled input with its error beside it, keeping what the user typed. */
export function Field(props: {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
  placeholder?: string;
  id?: string;
}) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        placeholder={props.placeholder}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      {props.error && (
        <span class="error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}

/** "Show the work of this manager": a GET form, so the filter is in the address and works without JavaScript. */
export function ManagerFilter(props: {
  tr: Tr;
  action: string;
  managers: { id: number; name: string }[];
  managerId: number | undefined;
  keep?: Record<string, string | undefined>;
  className?: string;
}) {
  const { tr } = props;
  return (
    <form method="get" action={props.action} class={props.className ?? 'inline'}>
      {Object.entries(props.keep ?? {}).map(([name, value]) => (value ? <input type="hidden" name={name} value={value} /> : null))}
      <label for="managerId">{tr.t('common.manager')}</label>
      <select id="managerId" name="managerId">
        <option value="">{tr.t('common.allManagers')}</option>
        {props.managers.map((m) => (
          <option value={String(m.id)} selected={m.id === props.managerId}>
            {m.name}
          </option>
        ))}
      </select>
      <button class="small">{tr.t('common.show')}</button>
    </form>
  );
}
