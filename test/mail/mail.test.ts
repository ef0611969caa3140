import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSmtpServers, smtpServer } from '../helpers/smtp.js';
import { createMailer } from '../../src/mail/mailer.js';
import { dispatchOutbox } from '../../src/notifier/dispatch.js';
import { createContact, createDeal, pay } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

afterEach(closeSmtpServers);

async function paidDeal(t: TestApp, token: string, contact: Record<string, unknown> = {}) {
  const client = await createContact(t, token, { name: 'Иван Петров', email: 'ivan@example.com', locale: 'ru', ...contact });
  const deal = await createDeal(t, token, { contactId: client.id, seats: 2, travellers: [{ name: 'Иван Петров' }, { name: 'Мария Петрова' }] });
  await pay(t, token, deal.id, deal.priceMinor);
  return deal;
}

describe('voucher mail', () => {
  it('goes through a real SMTP server: recipient, subject in the client language, a PDF that is a PDF', async () => {
    const smtp = await smtpServer();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Балкан Тур <office@balkantour.test>', outboxDir: '/nonexistent' });
    const t = await makeTestApp({ mailer });
    const { token } = await t.as('operator');
    const deal = await paidDeal(t, token);
    const answer = await t.call('POST', `/api/v1/deals/${deal.id}/voucher/send`, { token });
    expect(answer.status).toBe(200);
    expect(answer.body.notification).toMatchObject({ kind: 'voucher', status: 'sent', to: 'ivan@example.com', attempts: 1 });
    expect(answer.body.deal.status).toBe('voucher_sent');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['ivan@example.com']);
    const mail = await simpleParser(smtp.received[0]!.raw);
    expect(mail.subject).toMatch(/^Ваш ваучер: Охрид 29\.10, /);
    expect(mail.text).toContain('Здравствуйте, Иван Петров!');
    expect(mail.html).toContain('Место сбора: Sofia, NDK, parking lot');
    // The voucher, and the trip as an entry for the client's calendar (their stop and its time).
    expect(mail.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/\.pdf$/), 'trip.ics']);
    const entry = mail.attachments[1]!.content.toString('utf8');
    expect(entry).toMatch(/^BEGIN:VCALENDAR/);
    expect(entry).toContain('SUMMARY:Охрид 29.10');
    expect(entry).toContain('LOCATION:Sofia\\, NDK\\, parking lot');
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(mail.attachments[0]!.filename).toMatch(/^TD-\d{6}-[0-9A-F]{6}\.pdf$/);
    expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(mail.attachments[0]!.content.subarray(-6).toString()).toContain('%%EOF');
    mailer.close(); // the pool keeps its connection open otherwise
  });

  it('without SMTP writes one .eml per mail that mailparser reads', async () => {
    const t = await makeTestApp();
    const { token } = await t.as('operator');
    const first = await paidDeal(t, token);
    const second = await paidDeal(t, token, { name: 'Anna Smith', email: 'anna@example.com', locale: 'en', phone: '+359 88 111 2222' });
    await t.call('POST', `/api/v1/deals/${first.id}/voucher/send`, { token });
    await t.call('POST', `/api/v1/deals/${second.id}/voucher/send`, { token });
    const files = readdirSync(t.outboxDir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
    const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(join(t.outboxDir, f)))));
    const subjects = mails.map((m) => m.subject).sort();
    expect(subjects[0]).toMatch(/^Your voucher: /);
    expect(subjects[1]).toMatch(/^Ваш ваучер: /);
    expect(mails.every((m) => m.attachments.length === 2 && m.attachments[1]!.filename === 'trip.ics')).toBe(true);
  });

  it('is refused unless paid in full, refused for a cancelled deal, and recorded as no_address without an e-mail', async () => {
    const t = await makeTestApp();
    const { token } = await t.as('operator');
    const unpaid = await createDeal(t, token);
    const refused = await t.call('POST', `/api/v1/deals/${unpaid.id}/voucher/send`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    const cancelled = await paidDeal(t, token, { email: 'c@example.com', phone: '+359 88 333 4444' });
    await t.call('POST', `/api/v1/deals/${cancelled.id}/cancel`, { token, body: { reason: 'x' } });
    expect((await t.call('POST', `/api/v1/deals/${cancelled.id}/voucher/send`, { token })).status).toBe(409);

    const phoneOnly = await createContact(t, token, { email: null, phone: '+359 88 555 6666' });
    const deal = await createDeal(t, token, { contactId: phoneOnly.id });
    await pay(t, token, deal.id, deal.priceMinor);
    const noAddress = await t.call('POST', `/api/v1/deals/${deal.id}/voucher/send`, { token });
    expect(noAddress.body.notification).toMatchObject({ status: 'no_address', to: null });
    expect(noAddress.body.deal.status).toBe('fully_paid');
    const listed = await t.call('GET', `/api/v1/notifications?dealId=${deal.id}`, { token });
    expect(listed.body.items.map((n: any) => n.status)).toEqual(['no_address']);
    expect(readdirSync(t.outboxDir)).toHaveLength(0);
  });

  it('retries a refused mail with backoff and gives up after five attempts, leaving the deal as it was', async () => {
    const smtp = await smtpServer({ refuse: true });
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'x@y.test', outboxDir: '/nonexistent', pool: false });
    const t = await makeTestApp({ mailer });
    const { token } = await t.as('operator');
    const deal = await paidDeal(t, token);
    const answer = await t.call('POST', `/api/v1/deals/${deal.id}/voucher/send`, { token });
    expect(answer.body.notification).toMatchObject({ status: 'pending', attempts: 1 });
    expect(answer.body.notification.error).toContain('mailbox unavailable');
    expect(answer.body.deal.status).toBe('fully_paid');
    const ctx = () => ({ ...t.ctx(), now: t.now });
    expect(await dispatchOutbox(ctx, mailer)).toMatchObject({ sent: 0, failed: 0 }); // not due yet
    for (let attempt = 2; attempt <= 5; attempt++) {
      t.advance(61 * 60_000);
      expect(await dispatchOutbox(ctx, mailer)).toMatchObject({ sent: 0, failed: 1 });
    }
    const [row] = (await t.call('GET', `/api/v1/notifications?dealId=${deal.id}`, { token: (await t.as('operator')).token })).body.items;
    expect(row).toMatchObject({ status: 'failed', attempts: 5 });
    t.advance(61 * 60_000);
    expect(await dispatchOutbox(ctx, mailer)).toMatchObject({ sent: 0, failed: 0 });
    mailer.close();
  });

  it('sends every due voucher of a departure at once', async () => {
    const t = await makeTestApp();
    const { token } = await t.as('operator');
    const a = await paidDeal(t, token);
    const b = await createDeal(t, token, { departureId: a.departureId });
    await pay(t, token, b.id, b.priceMinor);
    const unpaid = await createDeal(t, token, { departureId: a.departureId });
    const answer = await t.call('POST', `/api/v1/departures/${a.departureId}/vouchers/send`, { token });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((n: any) => n.dealId).sort()).toEqual([a.id, b.id].sort());
    expect((await t.call('GET', `/api/v1/deals/${unpaid.id}`, { token })).body.status).toBe('new');
    expect((await t.call('GET', `/api/v1/worklists/voucher-due?departureId=${a.departureId}`, { token })).body.items).toEqual([]);
  });
});

describe('mail identity', () => {
  it('Message-IDs are unique across installations, a retry keeps its own; Content-Language, an HTML5 document and the reference in every mail', async () => {
    const smtp = await smtpServer();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Балкан Тур <office@balkantour.test>', outboxDir: '/nonexistent' });
    // Two installations (or one database made anew): the same first deal, the same first notification.
    for (const locale of ['bg', 'en']) {
      const t = await makeTestApp({ mailer });
      const { token } = await t.as('operator');
      const deal = await paidDeal(t, token, { locale });
      expect((await t.call('POST', `/api/v1/deals/${deal.id}/voucher/send`, { token })).status).toBe(200);
    }
    expect(smtp.received).toHaveLength(2);
    const [first, second] = await Promise.all(smtp.received.map((m) => simpleParser(m.raw)));
    expect(first!.messageId).toMatch(/^<notification-1\.[0-9a-f]{24}@balkantour\.test>$/);
    expect(second!.messageId).toMatch(/^<notification-1\.[0-9a-f]{24}@balkantour\.test>$/);
    expect(first!.messageId).not.toBe(second!.messageId);
    expect(first!.headers.get('content-language')).toBe('bg');
    expect(second!.headers.get('content-language')).toBe('en');
    for (const mail of [first!, second!]) {
      const html = String(mail.html);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8"/>');
      expect(html).toContain(`<title>${mail.subject}</title>`);
      expect(mail.text).toMatch(/TD-000001-[0-9A-F]{6}/);
    }
    expect(first!.text).toContain('Номер на резервацията: TD-000001-');
    mailer.close();
  });

  it('a retried mail keeps its Message-ID', async () => {
    const refusing = await smtpServer({ refuse: true });
    const accepting = await smtpServer();
    let url = refusing.url;
    const mailers = new Map<string, Awaited<ReturnType<typeof createMailer>>>();
    const mailerFor = (target: string) => mailers.get(target) ?? mailers.set(target, createMailer({ smtpUrl: target, from: 'x <office@balkantour.test>', outboxDir: '/nonexistent', pool: false })).get(target)!;
    const mailer = { describe: 'switching', send: (m: Parameters<Awaited<ReturnType<typeof createMailer>>['send']>[0]) => mailerFor(url).send(m), close: () => mailers.forEach((m) => m.close()) };
    const t = await makeTestApp({ mailer });
    const { token } = await t.as('operator');
    const deal = await paidDeal(t, token);
    await t.call('POST', `/api/v1/deals/${deal.id}/voucher/send`, { token });
    url = accepting.url;
    t.advance(2 * 60_000);
    expect(await dispatchOutbox(t.ctx, mailer)).toMatchObject({ sent: 1 });
    const retried = await simpleParser(accepting.received[0]!.raw);
    expect(retried.messageId).toMatch(/^<notification-1\.[0-9a-f]{24}@balkantour\.test>$/);
    const stored = await t.database.sqlite.prepare(`SELECT value FROM settings WHERE key = 'installation_id'`).get() as { value: string };
    expect(retried.messageId).toBe(`<notification-1.${stored.value}@balkantour.test>`);
    mailer.close();
  });
});
