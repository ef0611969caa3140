import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { serializeContact } from '../../domain/contacts/index.js';
import {
  BookInquiryInput,
  bookInquiry,
  CreateInquiryInput,
  inquiryView,
  ListInquiriesQuery,
  listInquiries,
  MoveInquiryInput,
  moveInquiry,
  serializeInquiry,
  takeInquiry,
  UpdateInquiryInput,
  updateWishes,
} from '../../domain/inquiries/index.js';
import { admitPublicPost } from '../../domain/inquiries/intake-limit.js';
import { requireSignIn } from '../auth.js';
import { clientAddress } from '../client-address.js';
import { actingCtxOf, ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { errorBody } from '../errors.js';
import { idParam, parseWith, readJson, readQuery } from '../validate.js';

/** The public form's largest body: a message, not an upload. */
export const PUBLIC_BODY_BYTES = 16 * 1024;

export function inquiryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const input = await readJson(c, CreateInquiryInput);
    const ctx = actingCtxOf(c, deps);
    const result = await atomically(ctx, async (ctx) => await takeInquiry(ctx, input));
    const body = { inquiry: await inquiryView(ctx, result.inquiry.id), contact: serializeContact(result.contact, ctx.agency), merged: result.merged };
    return c.json(body, result.merged ? 200 : 201);
  });

  app.get('/', async (c) => c.json(await listInquiries(actingCtxOf(c, deps), readQuery(c, ListInquiriesQuery))));

  app.get('/:id', async (c) => c.json(await inquiryView(actingCtxOf(c, deps), idParam(c, 'id', 'inquiry'))));

  /** The client's wishes (the selection tab): a field given as null is cleared, one left out kept. */
  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'inquiry');
    const input = await readJson(c, UpdateInquiryInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => (await updateWishes(ctx, id, input), await inquiryView(ctx, id))));
  });

  app.post('/:id/status', async (c) => {
    const id = idParam(c, 'id', 'inquiry');
    const input = await readJson(c, MoveInquiryInput);
    const ctx = actingCtxOf(c, deps);
    await atomically(ctx, async (ctx) => await moveInquiry(ctx, id, input));
    return c.json(await inquiryView(ctx, id));
  });

  app.post('/:id/book', async (c) => {
    const id = idParam(c, 'id', 'inquiry');
    const input = await readJson(c, BookInquiryInput);
    const ctx = actingCtxOf(c, deps);
    const { inquiry, deal } = await atomically(ctx, async (ctx) => await bookInquiry(ctx, id, input));
    return c.json({ deal, inquiry: serializeInquiry(inquiry) }, 201);
  });

  return app;
}

/**
 * The web site's form: no sign-in, 16 KB at most, a limit per client address, CORS for the
 * agency's own sites. It answers 202 {received: true} and nothing else, the same for the
 * honeypot `website` (filled only by robots), which stores nothing.
 */
export function publicInquiryRoutes(deps: AppDeps, options: { limit: number; origins: string[] }) {
  const app = new Hono<AppEnv>();
  app.use('*', cors({ origin: options.origins, allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 }));
  app.post(
    '/inquiries',
    bodyLimit({
      maxSize: PUBLIC_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', `The inquiry must be at most ${PUBLIC_BODY_BYTES} bytes`), 413),
    }),
    async (c) => {
      const ctx = ctxOf(c, deps);
      const body = await readPublicBody(c);
      await atomically(ctx, async (ctx) => await admitPublicPost(ctx, clientAddress(c), options.limit));
      if (typeof body.website === 'string' && body.website.trim() !== '') return c.json({ received: true }, 202);
      const { website: _honeypot, ...fields } = body;
      const input = parseWith(CreateInquiryInput, { ...fields, source: fields.source ?? 'site' });
      await atomically(ctx, async (ctx) => await takeInquiry(ctx, input));
      return c.json({ received: true }, 202);
    },
  );
  return app;
}

/** JSON or a plain HTML form post: both are what a site sends. */
export async function readPublicBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await c.req.parseBody();
    const fields = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<string, unknown>;
    if (typeof fields.departureId === 'string' && /^\d+$/.test(fields.departureId)) fields.departureId = Number(fields.departureId);
    for (const key of Object.keys(fields)) if (fields[key] === '') delete fields[key];
    return fields;
  }
  return (await readJson(c, ObjectBody)) as Record<string, unknown>;
}

const ObjectBody = z.record(z.string(), z.unknown());
