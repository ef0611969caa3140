import { atomically } from '../../db/transaction.js';
import { Hono } from 'hono';
import { contactCard } from '../../domain/contacts/card.js';
import { feedbackOfContact } from '../../domain/aftercare/index.js';
import {
  CreateContactInput,
  createContact,
  ListContactsQuery,
  listContacts,
  RecordCommunicationInput,
  recordCommunication,
  serializeCommunication,
  TransferContactInput,
  transferContact,
  UpdateContactInput,
  updateContact,
} from '../../domain/contacts/index.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson, readQuery } from '../validate.js';

export function contactRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const input = await readJson(c, CreateContactInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await contactCard(ctx, (await createContact(ctx, input)).id)), 201);
  });

  app.get('/', async (c) => c.json(await listContacts(actingCtxOf(c, deps), readQuery(c, ListContactsQuery))));

  app.get('/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const id = idParam(c, 'id', 'contact');
    // The card with what the client said after their trips.
    return c.json({ ...await contactCard(ctx, id), feedback: await feedbackOfContact(ctx, id) });
  });

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const input = await readJson(c, UpdateContactInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => (await updateContact(ctx, id, input), await contactCard(ctx, id))));
  });

  app.post('/:id/communications', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const input = await readJson(c, RecordCommunicationInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => serializeCommunication(await recordCommunication(ctx, id, input))), 201);
  });

  app.post('/:id/transfer', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const input = await readJson(c, TransferContactInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => (await transferContact(ctx, id, input), await contactCard(ctx, id))));
  });

  return app;
}
