import { atomically } from '../../db/transaction.js';
import { Hono } from 'hono';
import {
  campaignAnswer,
  campaignRecipients,
  CreateCampaignInput,
  createCampaign,
  getCampaignRow,
  greetingsEnabled,
  GreetingsInput,
  ListCampaignsQuery,
  listCampaigns,
  previewSegment,
  SegmentInput,
  sendCampaign,
  setGreetings,
  UpdateCampaignInput,
  updateCampaign,
} from '../../domain/campaigns/index.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson, readQuery } from '../validate.js';

/** How many recipients a draft names in its answer, so a person sees who before sending. */
const PREVIEW = 50;

/** Campaigns: drafts with their recipients, sent once through the outbox; birthday greetings on or off. */
export function campaignRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const input = await readJson(c, CreateCampaignInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await campaignAnswer(ctx, await createCampaign(ctx, input), { preview: PREVIEW })), 201);
  });

  app.get('/', async (c) => c.json(await listCampaigns(actingCtxOf(c, deps), readQuery(c, ListCampaignsQuery))));

  /** Whom a segment reaches, before a campaign is written. */
  app.post('/preview', async (c) => {
    const input = await readJson(c, SegmentInput);
    return c.json(await previewSegment(actingCtxOf(c, deps), input, PREVIEW));
  });

  app.get('/birthday-greetings', async (c) => c.json({ enabled: await greetingsEnabled(actingCtxOf(c, deps)) }));

  app.put('/birthday-greetings', async (c) => {
    const input = await readJson(c, GreetingsInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await setGreetings(ctx, input.enabled)));
  });

  app.get('/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    return c.json(await campaignAnswer(ctx, await getCampaignRow(ctx, idParam(c, 'id', 'campaign')), { preview: PREVIEW }));
  });

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'campaign');
    const input = await readJson(c, UpdateCampaignInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await campaignAnswer(ctx, await updateCampaign(ctx, id, input), { preview: PREVIEW })));
  });

  app.post('/:id/send', async (c) => {
    const id = idParam(c, 'id', 'campaign');
    const ctx = actingCtxOf(c, deps);
    const recipients = await campaignRecipients(ctx, id);
    return c.json(await atomically(ctx, async (ctx) => (await sendCampaign(ctx, id, recipients), await campaignAnswer(ctx, await getCampaignRow(ctx, id)))));
  });

  return app;
}
