/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { MessageKey } from '../src/i18n/index.js';
import { CsrfField, Layout, type PageFrame } from './layout.js';

/**
 * The forms that create something or move money, each with its words for a second submit:
 * the confirmation that it was already done, the link to what was made, and (for a form
 * sent again with the same values a moment later) the question and the button that does
 * it again on purpose.
 */
const SENT_WORDS = {
  departure: { already: 'once.departure.already', open: 'once.open.departure', recent: 'once.departure.recent', again: 'once.departure.again' },
  departureCopy: { already: 'once.departureCopy.already', open: 'once.open.departure', recent: 'once.departureCopy.recent', again: 'once.departureCopy.again' },
  payment: { already: 'once.payment.already', open: 'once.open.booking', recent: 'once.payment.recent', again: 'once.payment.again' },
  booking: { already: 'once.booking.already', open: 'once.open.booking', recent: 'once.booking.recent', again: 'once.booking.again' },
  waitlist: { already: 'once.waitlist.already', open: 'once.open.waitlist', recent: 'once.waitlist.recent', again: 'once.waitlist.again' },
  inquiry: { already: 'once.inquiry.already', open: 'once.open.inquiry', recent: 'once.inquiry.recent', again: 'once.inquiry.again' },
  client: { already: 'once.client.already', open: 'once.open.client', recent: 'once.client.recent', again: 'once.client.again' },
  communication: { already: 'once.communication.already', open: 'once.open.client', recent: 'once.communication.recent', again: 'once.communication.again' },
  task: { already: 'once.task.already', open: 'once.open.task', recent: 'once.task.recent', again: 'once.task.again' },
  campaign: { already: 'once.campaign.already', open: 'once.open.campaign', recent: 'once.campaign.recent', again: 'once.campaign.again' },
  campaignSend: { already: 'once.campaignSend.already', open: 'once.open.campaign', recent: null, again: null },
  campaignTest: { already: 'once.campaignTest.already', open: 'once.open.campaign', recent: 'once.campaignTest.recent', again: 'once.campaignTest.again' },
  webhook: { already: 'once.webhook.already', open: 'once.open.webhooks', recent: 'once.webhook.recent', again: 'once.webhook.again' },
  webhookTest: { already: 'once.webhookTest.already', open: 'once.open.webhooks', recent: null, again: null },
  user: { already: 'once.user.already', open: 'once.open.staff', recent: null, again: null },
  cancellation: { already: 'once.cancellation.already', open: 'once.open.booking', recent: null, again: null },
  voucher: { already: 'once.voucher.already', open: 'once.open.booking', recent: 'once.voucher.recent', again: 'once.voucher.again' },
  bookingLink: { already: 'once.bookingLink.already', open: 'once.open.booking', recent: null, again: null },
  vouchers: { already: 'once.vouchers.already', open: 'once.open.departure', recent: 'once.vouchers.recent', again: 'once.vouchers.again' },
} as const satisfies Record<string, { already: MessageKey; open: MessageKey; recent: MessageKey | null; again: MessageKey | null }>;

export type SentKind = keyof typeof SENT_WORDS;
/** Kinds whose second submit with the same values is asked about (the others cannot be done twice anyway). */
export type AskedKind = { [K in SentKind]: (typeof SENT_WORDS)[K]['recent'] extends null ? never : K }[SentKind];

export const isSentKind = (value: string | undefined): value is SentKind => value !== undefined && Object.hasOwn(SENT_WORDS, value);

export const sentWords = (kind: SentKind) => SENT_WORDS[kind];

/**
 * The same form with the same values was sent a few minutes ago (Back, then send, without
 * JavaScript): what it did, a link to it, and a button that does it again on purpose.
 */
export function SentBeforePage(
  props: PageFrame & {
    kind: AskedKind;
    minutes: number;
    link: string;
    /** Where the form posts, and the values it sent, to send them again. */
    action: string;
    values: [string, string][];
  },
) {
  const { tr } = props;
  const words = SENT_WORDS[props.kind];
  const title = tr.t('once.title');
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <section class="card">
        <p role="status">{tr.t(words.recent, { minutes: props.minutes })}</p>
        <p>
          <a class="button" href={props.link}>
            {tr.t(words.open)}
          </a>
        </p>
        <p class="small muted">{tr.t('once.hint')}</p>
        <form method="post" action={props.action} class="inline">
          <CsrfField csrf={props.csrf} />
          {props.values.map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="_again" value="1" />
          <button class="secondary">{tr.t(words.again)}</button>
        </form>
      </section>
    </Layout>
  );
}
