import { atomically, readConsistently } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import {
  campaignAnswer,
  campaignRecipients,
  CampaignTestInput,
  CreateCampaignInput,
  createCampaign,
  getCampaignRow,
  greetingsEnabled,
  GreetingsInput,
  ListCampaignsQuery,
  listCampaigns,
  previewSegment,
  queueTestCopy,
  refuseTestCopy,
  sampleAddressee,
  SegmentInput,
  sendCampaign,
  setGreetings,
  UpdateCampaignInput,
  updateCampaign,
} from '../../domain/campaigns/index.js';
import type { ActingCtx } from '../../domain/context.js';
import { getNotification, serializeNotification } from '../../domain/notifications/index.js';
import { campaignTestLines } from '../../notifier/campaign-copy.js';
import { dispatchOutbox } from '../../notifier/dispatch.js';
import { mailText } from '../../../templates/mail/mail-layout.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson, readQuery } from '../validate.js';

/** How many recipients a draft names in its answer, so a person sees who before sending. */
const PREVIEW = 50;

/**
 * One test copy of a campaign to `email`: written as its first recipient gets it, queued in
 * the outbox (a write of `ctx`: a page form's keeps its token) and handed to the mail server
 * at once, like a voucher sent from the desk, so the answer tells whether it went. If the
 * server refuses, the row stays pending and the sender retries it like any mail.
 */
export async function sendTestCopy(c: Context<AppEnv>, deps: AppDeps, ctx: ActingCtx, id: number, email: string) {
  refuseTestCopy(ctx);
  const { campaign, addressee } = await readConsistently(ctx, async (ctx) => {
    const campaign = await getCampaignRow(ctx, id);
    return { campaign, addressee: await sampleAddressee(ctx, campaign) };
  });
  const queued = await queueTestCopy(ctx, id, email, addressee);
  await dispatchOutbox(() => ctxOf(c, deps), deps.mailer, { onlyIds: [queued.id], limit: 1 });
  const lines = campaignTestLines(ctx, campaign, addressee);
  return {
    to: email,
    name: addressee.name,
    contactId: addressee.contactId,
    locale: addressee.locale,
    subject: lines.subject,
    text: mailText(lines),
    notification: serializeNotification((await getNotification(ctxOf(c, deps), queued.id)) ?? queued),
  };
}

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

  /** A test copy to one address (managers and directors): not counted, the campaign unchanged. */
  app.post('/:id/test', async (c) => {
    const id = idParam(c, 'id', 'campaign');
    const input = await readJson(c, CampaignTestInput);
    return c.json(await sendTestCopy(c, deps, actingCtxOf(c, deps), id, input.email));
  });

  return app;
}
