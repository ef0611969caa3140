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
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
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
    return c.json(await write(deps, () => campaignAnswer(ctx, createCampaign(ctx, input), { preview: PREVIEW })), 201);
  });

  app.get('/', (c) => c.json(listCampaigns(actingCtxOf(c, deps), readQuery(c, ListCampaignsQuery))));

  /** Whom a segment reaches, before a campaign is written. */
  app.post('/preview', async (c) => {
    const input = await readJson(c, SegmentInput);
    return c.json(previewSegment(actingCtxOf(c, deps), input, PREVIEW));
  });

  app.get('/birthday-greetings', (c) => c.json({ enabled: greetingsEnabled(actingCtxOf(c, deps)) }));

  app.put('/birthday-greetings', async (c) => {
    const input = await readJson(c, GreetingsInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await write(deps, () => setGreetings(ctx, input.enabled)));
  });

  app.get('/:id', (c) => {
    const ctx = actingCtxOf(c, deps);
    return c.json(campaignAnswer(ctx, getCampaignRow(ctx, idParam(c, 'id', 'campaign')), { preview: PREVIEW }));
  });

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'campaign');
    const input = await readJson(c, UpdateCampaignInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await write(deps, () => campaignAnswer(ctx, updateCampaign(ctx, id, input), { preview: PREVIEW })));
  });

  app.post('/:id/send', async (c) => {
    const id = idParam(c, 'id', 'campaign');
    const ctx = actingCtxOf(c, deps);
    const recipients = campaignRecipients(ctx, id);
    return c.json(await write(deps, () => (sendCampaign(ctx, id, recipients), campaignAnswer(ctx, getCampaignRow(ctx, id)))));
  });

  return app;
}
