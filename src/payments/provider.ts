/**
 * The card provider, spoken to through Stripe's own client: any provider answering Stripe's
 * Checkout API at PAYMENT_PROVIDER_URL (Stripe itself, or a stand-in on this machine) takes
 * the payment on its page and tells us by a signed `checkout.session.completed` event.
 */
import Stripe from 'stripe';
import type { CheckoutAsk, CompletedCheckout } from '../domain/online/index.js';
import type { Locale } from '../domain/context.js';

export interface CheckoutRequest {
  ask: CheckoutAsk;
  successUrl: string;
  cancelUrl: string;
  locale: Locale;
  email: string | null;
}

export interface PaymentProvider {
  /** Opens a checkout for the ask; the same key opens it once however often it is asked. */
  openCheckout(request: CheckoutRequest, idempotencyKey: string): Promise<{ id: string; url: string }>;
  /**
   * The event a webhook call carries: a completed checkout, `ignored` for an event of another
   * type, or an exception when the signature is missing, wrong or too old.
   */
  readEvent(rawBody: string, signature: string | undefined): CompletedCheckout | 'ignored';
  /** Where its payment pages are: the booking page's pay forms may lead there (CSP form-action). */
  checkoutOrigins?: string[];
}

export class SignatureRefused extends Error {}

export function openPaymentProvider(options: { url: string; key: string; webhookSecret: string }): PaymentProvider {
  const address = new URL(options.url);
  const protocol = address.protocol === 'http:' ? 'http' : 'https';
  const stripe = new Stripe(options.key, {
    host: address.hostname,
    port: Number(address.port || (protocol === 'http' ? 80 : 443)),
    protocol,
    timeout: 15_000,
    maxNetworkRetries: 2,
  });
  // Stripe's API answers at api.stripe.com and shows its pages at checkout.stripe.com; a stand-in serves both.
  const checkoutOrigins = address.hostname === 'api.stripe.com' ? ['https://checkout.stripe.com'] : [address.origin];
  return {
    checkoutOrigins,
    async openCheckout({ ask, successUrl, cancelUrl, locale, email }, idempotencyKey) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: { currency: ask.currency.toLowerCase(), unit_amount: ask.amountMinor, product_data: { name: `${ask.title} · ${ask.reference}` } },
            },
          ],
          client_reference_id: ask.reference,
          metadata: { deal: String(ask.dealId), purpose: ask.purpose },
          success_url: successUrl,
          cancel_url: cancelUrl,
          locale,
          ...(email ? { customer_email: email } : {}),
        },
        { idempotencyKey },
      );
      if (!session.url) throw new Error(`the provider opened checkout ${session.id} without a page to pay on`);
      return { id: session.id, url: session.url };
    },
    readEvent(rawBody, signature) {
      if (!signature) throw new SignatureRefused('no Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch (error) {
        throw new SignatureRefused((error as Error).message);
      }
      if (event.type !== 'checkout.session.completed') return 'ignored';
      const session = event.data.object;
      return {
        eventId: event.id,
        sessionId: session.id,
        amountTotal: session.amount_total ?? null,
        currency: session.currency ?? null,
        paymentStatus: session.payment_status ?? null,
      };
    },
  };
}
