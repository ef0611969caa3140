import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedDatabase, type SharedDatabase } from '../helpers/engine.js';
import { IN_FLIGHT } from '../../src/notifier/dispatch.js';
import { createContact, createDeparture } from '../helpers/factories.js';
import { runCli } from '../helpers/run-cli.js';
import { closeSmtpServers, smtpServer, type Received } from '../helpers/smtp.js';
import { makeTestApp } from '../helpers/test-app.js';
import { startSmppServer } from '../helpers/smpp.js';
import { smtpProcess as startSmtpProcess } from '../helpers/smtp-process-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOTIFY = 'src/cli/notify.ts';
const DEPARTS = '2027-10-29T06:30:00+03:00';
const DAY_BEFORE = Date.parse(DEPARTS) - 24 * 3_600_000;

afterEach(closeSmtpServers);

/** An agency in a database of the engine under test with `count` bookings on one departure, all owed a reminder at DAY_BEFORE. */
async function agencyFile(count: number, options: { withoutEmail?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-notify-'));
  const shared = await sharedDatabase();
  const database = await shared.open();
  const t = await makeTestApp({ database, now: DAY_BEFORE - 7 * 24 * 3_600_000 });
  const { token } = await t.as('operator');
  const departure = await createDeparture(t, token, { departsAt: DEPARTS, seats: count });
  for (let i = 0; i < count; i++) {
    const withoutEmail = i < (options.withoutEmail ?? 0);
    const contact = await createContact(t, token, withoutEmail ? { email: null } : {});
    const answer = await t.call('POST', '/api/v1/deals', { token, body: { departureId: departure.id, contactId: contact.id, seats: 1 } });
    if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
  }
  await database.close();
  return { dir, shared, env: { ...shared.env, OUTBOX_DIR: join(dir, 'outbox'), AGENCY_TIMEZONE: 'Europe/Sofia' } };
}

async function readNotices(shared: SharedDatabase) {
  const database = await shared.open();
  try {
    return await database.sqlite
      .prepare(`SELECT id, deal_id AS dealId, status, attempts FROM notifications WHERE kind <> 'voucher' ORDER BY id`)
      .all() as { id: number; dealId: number; status: string; attempts: number }[];
  } finally {
    await database.close();
  }
}

const at = (ms: number) => new Date(ms).toISOString();

/** Accepted mails per booking, by the notification id in each Message-ID. */
function acceptedPerDeal(received: Pick<Received, "messageId">[], dealOf: Map<number, number>) {
  const perDeal = new Map<number, number>();
  for (const mail of received) {
    const id = Number(/<notification-(\d+)[.@]/.exec(mail.messageId ?? '')?.[1]);
    const deal = dealOf.get(id);
    if (deal === undefined) throw new Error(`a mail no notice accounts for: ${mail.messageId}`);
    perDeal.set(deal, (perDeal.get(deal) ?? 0) + 1);
  }
  return perDeal;
}

describe('npm run notify', () => {
  it('sends the reminders once, prints its counts, a second run sends nothing, a dry run writes nothing', async () => {
    const agency = await agencyFile(3, { withoutEmail: 1 });
    const early = await runCli(NOTIFY, ['--now', at(DAY_BEFORE - 60_000)], agency.env);
    expect(early).toMatchObject({ code: 0 });
    expect(early.stdout).toContain('sent 0, skipped 0, failed 0, no-address 0');

    const dry = await runCli(NOTIFY, ['--now', at(DAY_BEFORE), '--dry-run'], agency.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: would have queued 3 reminder(s), 0 correction(s); 1 reached by no channel (to phone); 2 message(s) due to send');
    expect(await readNotices(agency.shared)).toEqual([]);

    const first = await runCli(NOTIFY, ['--now', at(DAY_BEFORE)], agency.env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('sent 2, skipped 0, failed 0, no-address 1; this pass queued 3 reminder(s), 0 correction(s)');
    expect(readdirSync(agency.env.OUTBOX_DIR)).toHaveLength(2);

    const second = await runCli(NOTIFY, ['--now', at(DAY_BEFORE + 60_000)], agency.env);
    expect(second.stdout).toContain('sent 0, skipped 0, failed 0, no-address 0');
    expect(readdirSync(agency.env.OUTBOX_DIR)).toHaveLength(2);
  });

  it('explains bad arguments and exits 2 without touching the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tourdesk-notify-'));
    const env = { DATABASE_PATH: join(dir, 'db.sqlite') };
    const badNow = await runCli(NOTIFY, ['--now', 'tomorrow'], env);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now: tomorrow is not an ISO 8601 date and time');
    const unknown = await runCli(NOTIFY, ['--later'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: npm run notify');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('two passes at once on one file send each notice once', { timeout: 120_000 }, async () => {
    const agency = await agencyFile(300);
    // A slow mail server, and the second pass started once the first is sending: they overlap.
    const smtp = await smtpServer({ keepRaw: false, acceptDelayMs: () => 30 });
    const env = { ...agency.env, SMTP_URL: smtp.url };
    const first = runCli(NOTIFY, ['--now', at(DAY_BEFORE)], env);
    while (smtp.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const [a, b] = await Promise.all([first, runCli(NOTIFY, ['--now', at(DAY_BEFORE + 1000)], env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const sentBy = [a, b].map((run) => Number(/sent (\d+)/.exec(run.stdout)?.[1]));
    console.log(`two notifier processes at once: ${sentBy.join(' + ')} mails, ${smtp.received.length} accepted by the server`);
    expect(sentBy[0]! + sentBy[1]!).toBe(300);
    const notices = await readNotices(agency.shared);
    expect(notices).toHaveLength(300);
    expect(notices.every((n) => n.status === 'sent')).toBe(true);
    const perDeal = acceptedPerDeal(smtp.received, new Map(notices.map((n) => [n.id, n.dealId])));
    expect(perDeal.size).toBe(300);
    expect([...perDeal.values()].every((count) => count === 1)).toBe(true);
  });

  it('four passes at once expire a lapsed waiting-list hold once and offer its seats to the next entry once', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tourdesk-holds-'));
    const shared = await sharedDatabase();
    const database = await shared.open();
    const start = DAY_BEFORE - 7 * 24 * 3_600_000;
    const t = await makeTestApp({ database, now: start });
    const { token } = await t.as('operator');
    const departure = await createDeparture(t, token, { departsAt: DEPARTS, seats: 2 });
    const booked = await t.call('POST', '/api/v1/deals', { token, body: { departureId: departure.id, contactId: (await createContact(t, token)).id, seats: 2 } });
    const first = await t.call('POST', `/api/v1/departures/${departure.id}/waitlist`, { token, body: { contactId: (await createContact(t, token)).id, seats: 2 } });
    const second = await t.call('POST', `/api/v1/departures/${departure.id}/waitlist`, { token, body: { contactId: (await createContact(t, token)).id, seats: 2 } });
    await t.call('POST', `/api/v1/deals/${booked.body.id}/cancel`, { token, body: { reason: 'r' } });
    await database.close();
    const env = { ...shared.env, OUTBOX_DIR: join(dir, 'outbox'), AGENCY_TIMEZONE: 'Europe/Sofia' };
    const runs = await Promise.all(Array.from({ length: 4 }, () => runCli(NOTIFY, ['--now', at(start + 25 * 3_600_000)], env)));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(runs.filter((r) => r.stdout.includes('1 waiting-list hold(s) ran out, 1 entr(ies) offered the seats'))).toHaveLength(1);
    const check = await shared.open();
    const entries = await check.sqlite.prepare('SELECT id, status, hold_until AS holdUntil FROM waitlist_entries ORDER BY id').all();
    const offers = await check.sqlite.prepare("SELECT waitlist_entry_id AS entryId, status FROM notifications WHERE kind = 'waitlist_offer' ORDER BY id").all();
    await check.close();
    expect(entries).toEqual([
      { id: first.body.id, status: 'expired', holdUntil: expect.any(Number) },
      { id: second.body.id, status: 'offered', holdUntil: expect.any(Number) },
    ]);
    // Held for the next 24 hours from the pass that offered them (its clock runs on from --now).
    const heldFor = (entries as { holdUntil: number }[])[1]!.holdUntil - (start + 25 * 3_600_000);
    expect(heldFor).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(heldFor).toBeLessThan(24 * 3_600_000 + 60_000);
    // One offer mail per entry: the next entry's sent once by whichever pass claimed it; the lapsed one's never
    // (its row was written on the test's clock, which the real-world retry time has not reached; a claim would supersede it).
    expect(offers).toEqual([
      { entryId: first.body.id, status: expect.not.stringMatching(/^sent$/) },
      { entryId: second.body.id, status: 'sent' },
    ]);
  });
});

/** The SMTP server of the crash test, in its own process: mails take 5-25 ms, so kills land while some are in flight. */
async function smtpProcess(dir: string) {
  const smtp = await startSmtpProcess(dir, '5-25');
  return { ...smtp, accepted: () => smtp.accepted().map((messageId) => ({ messageId })) };
}

/**
 * Runs `npm run notify --now T` again and again, killing it at random moments (mostly a random
 * while after its first message was accepted, some at start-up), until `kills` kills or one
 * life ends by itself.
 */
async function killAtRandom(env: NodeJS.ProcessEnv, T: string, accepted: () => number, KILLS: number) {
  let kills = 0;
  let lives = 0;
  let finished = false;
  while (kills < KILLS && !finished) {
    lives++;
    const child = spawn(process.execPath, ['--import', 'tsx', NOTIFY, '--now', T], { cwd: ROOT, env, stdio: 'ignore' });
    const receivedBefore = accepted();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const earlyKill = Math.random() < 0.2;
    const deadline = Date.now() + (earlyKill ? 200 + Math.random() * 800 : 30_000);
    let firstAt: number | null = null;
    const delay = Math.random() * 100;
    for (;;) {
      if (child.exitCode !== null) break;
      if (firstAt === null && accepted() > receivedBefore) firstAt = Date.now();
      const due = earlyKill ? deadline : firstAt === null ? deadline : firstAt + delay;
      if (Date.now() >= due) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const code = await exited;
    if (code === 0 && child.signalCode === null) finished = true;
    else kills++;
  }
  return { kills, lives };
}

describe('crash safety', () => {
  it('SIGKILL at random moments, at least 50 times, every life at the same --now: one complete pass then leaves every traveller sent, uncertain or failed, never sending, and nobody mailed twice', { timeout: 600_000 }, async () => {
    const BOOKINGS = 1000;
    const KILLS = 50;
    const agency = await agencyFile(BOOKINGS);
    // A mail server in its own process that takes 5-25 ms per mail, so that kills land while mails are in flight.
    const smtp = await smtpProcess(agency.dir);
    const env = { ...process.env, ...agency.env, SMTP_URL: smtp.url };
    const started = Date.now();
    // Every restart evaluates the same instant: leases and hand-over marks must count on the
    // wall clock, and a dead sender's claims must not wait for their lease.
    const T = at(DAY_BEFORE);

    try {
      const { kills, lives } = await killAtRandom(env, T, () => smtp.accepted().length, KILLS);
      // One complete pass at the same instant.
      const last = await runCli(NOTIFY, ['--now', T], { ...agency.env, SMTP_URL: smtp.url });
      expect(last.code).toBe(0);
      const elapsed = (Date.now() - started) / 1000;

      const notices = await readNotices(agency.shared);
      const received = smtp.accepted();
      const dealOf = new Map(notices.map((n) => [n.id, n.dealId]));
      const perDeal = acceptedPerDeal(received, dealOf);
      const duplicates = [...perDeal.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
      const uncertain = notices.filter((n) => n.status === 'uncertain');
      const uncertainDelivered = uncertain.filter((n) => perDeal.has(n.dealId)).length;
      console.log(
        `crash test: ${BOOKINGS} bookings, ${kills} SIGKILLs over ${lives} lives at one --now in ${elapsed.toFixed(0)} s; ` +
          `${received.length} mails accepted, ${duplicates} duplicate(s); ` +
          `${uncertain.length} notice(s) flagged uncertain (${uncertainDelivered} of them had in fact arrived), ` +
          `${notices.filter((n) => n.status === 'sent').length} sent and recorded, ${notices.filter((n) => n.status === 'failed').length} failed; ` +
          `final pass: ${last.stdout.trim().split('\n').pop()}`,
      );
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(notices).toHaveLength(BOOKINGS);
      expect(notices.filter((n) => n.status === 'sending')).toEqual([]);
      expect(notices.every((n) => ['sent', 'uncertain', 'failed'].includes(n.status))).toBe(true);
      for (const notice of notices) {
        const accepted = perDeal.get(notice.dealId) ?? 0;
        if (notice.status === 'sent') expect(accepted).toBe(1); // recorded sent: exactly one mail arrived
        else expect(accepted).toBeLessThanOrEqual(1); // uncertain: it did or it did not, never twice
      }
      // At most one window of mails is in flight when a sender dies.
      expect(uncertain.length).toBeLessThanOrEqual(kills * IN_FLIGHT);
      expect(duplicates).toBeLessThanOrEqual(kills);
      expect(duplicates).toBe(0);
    } finally {
      smtp.stop();
    }
  });
});

describe('crash safety by SMS', () => {
  it('SIGKILL at random moments while SMS are in flight: every traveller sent, delivered, uncertain or failed, and nobody texted twice', { timeout: 600_000 }, async () => {
    // Enough messages that 8 kills land before a life gets to the end (each life sends about
    // ten before its kill; some are killed before the first).
    const BOOKINGS = 240;
    const KILLS = 8;
    // Nobody has an e-mail: every reminder goes to the SMS centre, which takes 10 ms per message.
    const agency = await agencyFile(BOOKINGS, { withoutEmail: BOOKINGS });
    const sms = await startSmppServer({ delayMs: 10 });
    const env = { ...process.env, ...agency.env, SMS_URL: sms.url };
    const T = at(DAY_BEFORE);
    try {
      const { kills, lives } = await killAtRandom(env, T, () => sms.received().length, KILLS);
      const last = await runCli(NOTIFY, ['--now', T], { ...agency.env, SMS_URL: sms.url });
      expect(last.code).toBe(0);
      const database = await agency.shared.open();
      const notices = await database.sqlite.prepare(`SELECT id, to_address AS phone, channel, status FROM notifications ORDER BY id`).all() as { id: number; phone: string; channel: string; status: string }[];
      await database.close();
      const perPhone = new Map<string, number>();
      for (const message of sms.received()) perPhone.set(`+${message.destination}`, (perPhone.get(`+${message.destination}`) ?? 0) + 1);
      const twice = [...perPhone.values()].filter((n) => n > 1).length;
      const uncertain = notices.filter((n) => n.status === 'uncertain');
      console.log(`SMS crash test: ${BOOKINGS} bookings, ${kills} SIGKILLs over ${lives} lives; ${sms.received().length} SMS accepted, ${twice} texted twice, ${uncertain.length} uncertain; final pass: ${last.stdout.trim().split('\n').pop()}`);
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(notices).toHaveLength(BOOKINGS);
      expect(notices.every((n) => n.channel === 'sms')).toBe(true);
      expect(notices.every((n) => ['sent', 'delivered', 'uncertain', 'failed'].includes(n.status))).toBe(true);
      for (const notice of notices) {
        const accepted = perPhone.get(notice.phone) ?? 0;
        if (notice.status === 'sent' || notice.status === 'delivered') expect(accepted).toBe(1);
        else expect(accepted).toBeLessThanOrEqual(1);
      }
      expect(twice).toBe(0);
      expect(uncertain.length).toBeLessThanOrEqual(kills * IN_FLIGHT);
    } finally {
      sms.stop();
    }
  });
});
