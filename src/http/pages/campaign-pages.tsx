/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import {
  campaignAnswer,
  campaignRecipients,
  CampaignTestInput,
  CreateCampaignInput,
  createCampaign,
  getCampaignRow,
  greetingsEnabled,
  listCampaigns,
  previewSegment,
  sampleAddressee,
  sendCampaign,
  setGreetings,
  testCopiesOf,
  UpdateCampaignInput,
  updateCampaign,
  type Addressee,
  type CampaignRow,
} from '../../domain/campaigns/index.js';
import { LOCALES, type ActingCtx } from '../../domain/context.js';
import { STAGES } from '../../domain/contacts/index.js';
import { listDepartures } from '../../domain/departures/departures.js';
import { DomainError } from '../../domain/errors.js';
import { DAY_MS } from '../../domain/time.js';
import { CampaignPage, CampaignsPage, campaignValues, SEGMENT_TAGS, type CampaignFormState, type MailPreviewState, type TestSendState } from '../../../templates/campaigns.js';
import { campaignCopyLines } from '../../notifier/campaign-copy.js';
import { sendTestCopy } from '../api/campaigns.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { formAction, refusalOf } from './form-action.js';
import { fieldErrorText } from '../../i18n/errors.js';
import { formOnce } from './form-once.js';
import { frameOf } from './frame.js';
import { optional, readForm, redirectDone, type FormValues } from './forms.js';

type C = Context<AppEnv>;

/** Trips a segment can name: those that left in the last two years. */
const TRIP_YEARS = 2;

/** The campaign form as the domain's input: checked boxes as lists, one text per language where written. */
function campaignInput(form: FormValues) {
  const checked = (prefix: string) => Object.keys(form).filter((key) => key.startsWith(prefix) && form[key] === 'on').map((key) => key.slice(prefix.length));
  const otherTags = (form.otherTags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean);
  const tags = [...checked('tag_').filter((tag) => (SEGMENT_TAGS as readonly string[]).includes(tag)), ...otherTags];
  const stages = checked('stage_').filter((stage) => (STAGES as readonly string[]).includes(stage));
  const locales = checked('locale_').filter((locale) => (LOCALES as readonly string[]).includes(locale));
  const trips = checked('trip_').map(Number).filter((id) => Number.isSafeInteger(id) && id > 0);
  const texts = Object.fromEntries(
    LOCALES.filter((locale) => optional(form[`subject_${locale}`]) || optional(form[`body_${locale}`])).map((locale) => [
      locale,
      { subject: form[`subject_${locale}`] ?? '', body: form[`body_${locale}`] ?? '' },
    ]),
  );
  const month = optional(form.birthdayMonth);
  return {
    name: form.name ?? '',
    subject: form.subject ?? '',
    body: form.body ?? '',
    texts,
    segment: {
      ...(tags.length ? { tags } : {}),
      ...(stages.length ? { stages } : {}),
      ...(locales.length ? { locales } : {}),
      ...(trips.length ? { travelledDepartureIds: trips } : {}),
      ...(optional(form.lastTripBefore) ? { lastTripBefore: form.lastTripBefore } : {}),
      ...(optional(form.lastTripAfter) ? { lastTripAfter: form.lastTripAfter } : {}),
      ...(month ? { birthdayMonth: /^\d+$/.test(month) ? Number(month) : month } : {}),
    },
  };
}

/** The words of a campaign as the form holds them: a draft's preview follows what was typed. */
function typedWords(form: FormValues): Pick<CampaignRow, 'subject' | 'body' | 'texts'> | null {
  const input = campaignInput(form);
  if (!input.subject.trim() || !input.body.trim()) return null;
  return { subject: input.subject.trim(), body: input.body.trim(), texts: JSON.stringify(input.texts) };
}

/** The mail one recipient gets, for the page (the unsubscribe line is shown, never linked). */
function mailPreview(ctx: ActingCtx, words: Pick<CampaignRow, 'subject' | 'body' | 'texts'> | null, reader: Addressee, sent: boolean, typed: boolean): MailPreviewState {
  return {
    lines: words ? campaignCopyLines(ctx, words, reader, '') : null,
    name: reader.name,
    locale: reader.locale,
    mode: reader.contactId === null ? 'nobody' : sent ? 'sent' : 'draft',
    typed,
  };
}

/** Campaigns in the desk: write one, see whom it reaches, send it; birthday greetings on or off. */
export function campaignPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  const refuseOperators = (c: C) => {
    if (actingCtxOf(c, deps).actor.role === 'operator') throw new DomainError('forbidden', 'Campaigns are the managers’ and directors’ work');
  };
  const tripsOf = async (c: C) => {
    const ctx = actingCtxOf(c, deps);
    return (await listDepartures(ctx, { status: 'departed', from: new Date(ctx.now - TRIP_YEARS * 366 * DAY_MS).toISOString(), limit: 500 }))
      .items.reverse()
      .map((d) => ({ id: d.id, title: d.title, departsAt: d.departsAt }));
  };
  /** "Show recipients" on the form: whom the segment as typed reaches, nothing saved. */
  const previewOf = async (c: C, form: FormValues): Promise<CampaignFormState['preview']> => {
    const segment = parseWith(CreateCampaignInput.shape.segment, campaignInput(form).segment);
    const found = await previewSegment(actingCtxOf(c, deps), segment);
    return { recipients: found.recipients, names: found.recipientsPreview };
  };

  async function renderList(c: C, form: CampaignFormState = { values: {}, errors: {} }, status = 200) {
    const ctx = actingCtxOf(c, deps);
    if (form.preview) {
      // The first of whom the typed segment reaches, else the reader (a stand-in row: nobody is reached).
      const first = form.preview.names[0];
      const reader: Addressee = first
        ? { contactId: first.id, name: first.name, locale: first.locale }
        : { contactId: null, name: ctx.actor.name, locale: ctx.actor.locale ?? ctx.agency.locale };
      form = { ...form, mail: mailPreview(ctx, typedWords(form.values), reader, false, true) };
    }
    return c.html(
      <CampaignsPage
        {...frameOf(c, deps, 'campaigns')}
        campaigns={(await listCampaigns(ctx, { limit: 100 })).items}
        trips={await tripsOf(c)}
        form={form}
        greetings={ctx.actor.role === 'director' ? await greetingsEnabled(ctx) : null}
      />,
      status as 200,
    );
  }

  /**
   * One campaign: the mail as its first recipient reads it (the draft's text as typed, when the
   * form came back), whom it reaches, sending, a test copy, and the draft's form.
   */
  async function renderOne(c: C, id: number, form?: CampaignFormState, status = 200, test?: { email: string; error?: string }) {
    const ctx = actingCtxOf(c, deps);
    const row = await getCampaignRow(ctx, id);
    const campaign = await campaignAnswer(ctx, row, { preview: 50 });
    const draft = row.status === 'draft';
    const typed = draft && form ? typedWords(form.values) : null;
    // A draft's reader: the first of whom the segment reaches (as typed, after "Show recipients").
    const first = form?.preview ? form.preview.names[0] : campaign.recipientsPreview?.[0];
    const reader = await sampleAddressee(ctx, row, draft ? (first ?? null) : undefined);
    const maySend = ctx.actor.role !== 'operator';
    const testState: TestSendState | null = maySend
      ? { email: test?.email ?? ctx.actor.email, error: test?.error, version: String(row.updatedAt), copies: await testCopiesOf(ctx, id) }
      : null;
    return c.html(
      <CampaignPage
        {...frameOf(c, deps, 'campaigns')}
        campaign={campaign}
        trips={await tripsOf(c)}
        form={form ?? { values: campaignValues(campaign), errors: {} }}
        maySend={maySend}
        mail={mailPreview(ctx, typed ?? row, reader, !draft, typed !== null)}
        test={testState}
      />,
      status as 200,
    );
  }

  /**
   * Save, or (the "show recipients" button) only count whom it would reach. A new campaign's
   * form is saved once (`once`): counting whom it reaches keeps nothing.
   */
  function saveOrPreview(
    save: (ctx: ActingCtx, c: C, form: FormValues) => Promise<number>,
    again: (c: C, state: CampaignFormState, status: number) => Response | Promise<Response>,
    once?: 'campaign',
  ) {
    return async (c: C) => {
      refuseOperators(c);
      const form = await readForm(c);
      const saved = (id: number) => ({ to: `/campaigns/${id}`, code: 'campaignSaved', link: `/campaigns/${id}` });
      const guard = once && !form.preview ? formOnce(c, deps, form, { kind: once }, (id) => saved(id as number)) : null;
      try {
        if (form.preview) return await again(c, { values: form, errors: {}, preview: await previewOf(c, form) }, 200);
        const before = await guard?.sentBefore();
        if (before) return before;
        const id = await save(guard?.ctx ?? actingCtxOf(c, deps), c, form);
        guard?.assertSealed();
        return redirectDone(c, saved(id).to, saved(id).code);
      } catch (error) {
        const answer = guard?.answer(error);
        if (answer) return answer;
        if (!(error instanceof DomainError) || error.code === 'not_found' || error.code === 'forbidden') throw error;
        const refusal = refusalOf(error, form, frameOf(c, deps).tr.locale, 'form', {
          'segment.birthdayMonth': 'birthdayMonth',
          'segment.lastTripBefore': 'lastTripBefore',
          'segment.lastTripAfter': 'lastTripAfter',
        });
        return await again(c, { values: form, errors: refusal.errors }, refusal.status);
      }
    };
  }

  app.get('/campaigns', async (c) => {
    refuseOperators(c);
    return await renderList(c);
  });

  app.post(
    '/campaigns',
    saveOrPreview(
      async (ctx, _, form) => {
        const input = parseWith(CreateCampaignInput, campaignInput(form));
        // Written through ctx: the form's token is kept with the new campaign.
        return await atomically(ctx, async (ctx) => (await createCampaign(ctx, input)).id);
      },
      async (c, state, status) => await renderList(c, state, status) as Response,
      'campaign',
    ),
  );

  app.post(
    '/campaigns/birthday-greetings',
    formAction(deps, {
      run: async (ctx, form) => await atomically(ctx, async (ctx) => await setGreetings(ctx, form.enabled === 'on')),
      done: (result) => ({ to: '/campaigns#greetings', code: result.enabled ? 'greetingsOn' : 'greetingsOff' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  app.get('/campaigns/:id', async (c) => {
    refuseOperators(c);
    return await renderOne(c, idParam(c, 'id', 'campaign'));
  });

  app.post(
    '/campaigns/:id',
    saveOrPreview(
      async (ctx, c, form) => {
        const id = idParam(c, 'id', 'campaign');
        const input = parseWith(UpdateCampaignInput, campaignInput(form));
        await atomically(ctx, async (ctx) => await updateCampaign(ctx, id, input));
        return id;
      },
      async (c, state, status) => await renderOne(c, idParam(c, 'id', 'campaign'), state, status) as Response,
    ),
  );

  app.post(
    '/campaigns/:id/send',
    formAction(deps, {
      // A campaign goes out once by itself; the token answers the second press with what the first did.
      once: { kind: 'campaignSend', sameValues: false },
      run: async (ctx, _, c) => {
        const id = idParam(c, 'id', 'campaign');
        const recipients = await campaignRecipients(ctx, id);
        return await atomically(ctx, async (ctx) => await sendCampaign(ctx, id, recipients));
      },
      done: (result, _, c) => ({ to: `/campaigns/${idParam(c, 'id', 'campaign')}`, code: 'campaignQueued', extra: { count: String(result.queued) } }),
      refused: (c, r) => {
        if (r.error.code === 'forbidden') throw r.error;
        return redirectDone(c, `/campaigns/${idParam(c, 'id', 'campaign')}`, 'campaignAlreadySent');
      },
    }),
  );

  /**
   * "Send a test to me": one copy to the address in the form, at once. Sent once per rendered
   * form (a double tap or Back shows what the first did); the same address again within minutes,
   * with the draft unchanged, is asked about first.
   */
  app.post('/campaigns/:id/test', async (c) => {
    refuseOperators(c);
    const id = idParam(c, 'id', 'campaign');
    const form = await readForm(c);
    const to = `/campaigns/${id}#test`;
    const code = (status: string | undefined) => (status === 'sent' ? 'campaignTestSent' : 'campaignTestQueued');
    const once = formOnce(c, deps, form, { kind: 'campaignTest' }, () => ({ to, code: 'campaignTestSent', link: `/campaigns/${id}` }));
    const before = await once.sentBefore();
    if (before) return before;
    try {
      const input = parseWith(CampaignTestInput, { email: form.email ?? '' });
      const sent = await sendTestCopy(c, deps, once.ctx, id, input.email);
      once.assertSealed();
      return redirectDone(c, to, code(sent.notification.status));
    } catch (error) {
      const answer = once.answer(error);
      if (answer) return answer;
      if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
      const message = (error.details as Record<string, string> | undefined)?.email ?? 'must be an e-mail address';
      return await renderOne(c, id, undefined, 400, { email: form.email ?? '', error: fieldErrorText(frameOf(c, deps).tr.locale, message) });
    }
  });

  return app;
}
