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
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson, readQuery } from '../validate.js';

export function contactRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const input = await readJson(c, CreateContactInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await write(deps, () => contactCard(ctx, createContact(ctx, input).id)), 201);
  });

  app.get('/', (c) => c.json(listContacts(actingCtxOf(c, deps), readQuery(c, ListContactsQuery))));

  app.get('/:id', (c) => {
    const ctx = actingCtxOf(c, deps);
    const id = idParam(c, 'id', 'contact');
    // The card with what the client said after their trips.
    return c.json({ ...contactCard(ctx, id), feedback: feedbackOfContact(ctx, id) });
  });

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const input = await readJson(c, UpdateContactInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await write(deps, () => (updateContact(ctx, id, input), contactCard(ctx, id))));
  });

  app.post('/:id/communications', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const input = await readJson(c, RecordCommunicationInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await write(deps, () => serializeCommunication(recordCommunication(ctx, id, input))), 201);
  });

  app.post('/:id/transfer', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const input = await readJson(c, TransferContactInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await write(deps, () => (transferContact(ctx, id, input), contactCard(ctx, id))));
  });

  return app;
}
