/**
 * A campaign mail's words as one client reads them: their language's text, `{name}` filled,
 * the agency's signature and the unsubscribe line. The sender, the test copy and the
 * campaign page's preview all take them from here, so the preview is the mail.
 */
import type { Ctx, Locale } from '../domain/context.js';
import { personal, textFor, type CampaignRow } from '../domain/campaigns/index.js';
import { campaignMailLines } from '../../templates/mail/aftercare-mail.js';
import type { MailLines } from '../../templates/mail/mail-layout.js';
import { makeTr } from '../../templates/tr.js';

type Words = Pick<CampaignRow, 'subject' | 'body' | 'texts'>;

export function campaignCopyLines(ctx: Ctx, campaign: Words, reader: { name: string; locale: Locale }, unsubscribe: string): MailLines {
  const text = textFor(campaign, reader.locale);
  return campaignMailLines({
    agencyName: ctx.agency.name,
    agencyContacts: ctx.agency.contacts,
    tr: makeTr(reader.locale, ctx.agency.timeZone),
    subject: personal(text.subject, reader.name),
    body: personal(text.body, reader.name),
    unsubscribe,
  });
}

/**
 * The test copy: the same mail, its subject marked as a test in the mail's language, and in
 * place of the client's unsubscribe link (which would unsubscribe a real client) a line saying
 * so that links back to the campaign in the desk. No List-Unsubscribe header either.
 */
export function campaignTestLines(ctx: Ctx, campaign: Words & Pick<CampaignRow, 'id'>, reader: { name: string; locale: Locale }): MailLines {
  const lines = campaignCopyLines(ctx, campaign, reader, '');
  const tr = makeTr(reader.locale, ctx.agency.timeZone);
  return {
    ...lines,
    subject: tr.t('campaignPreview.testSubject', { subject: lines.subject }),
    footer: { label: tr.t('campaignPreview.testFooter'), href: `${ctx.agency.publicUrl ?? ''}/campaigns/${campaign.id}` },
  };
}
