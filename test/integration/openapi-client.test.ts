/**
 * The description generates a client that works: a real server's openapi.json becomes
 * TypeScript types (openapi-typescript), a small program written against them with
 * openapi-fetch type-checks clean while a wrong call does not, and the program then books,
 * pays (twice with one Idempotency-Key: one payment) and reads against the server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureFirstDirector } from '../../src/domain/users/bootstrap.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { AGENCY, DIRECTOR, START, TEST_PASSWORD_COST } from '../helpers/test-app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The program an integrator would write, typed by the generated `paths`. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

export async function run(baseUrl: string, email: string, password: string) {
  const anonymous = createClient<paths>({ baseUrl });
  const signedIn = await anonymous.POST('/session', { body: { email, password } });
  if (!signedIn.data) throw new Error('sign-in refused');
  const role: 'operator' | 'manager' | 'director' = signedIn.data.user.role;
  const api = createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer ' + signedIn.data.token } });

  const created = await api.POST('/departures', {
    body: { title: 'Охрид', departsAt: '2027-06-12T06:30:00+03:00', meetingPoint: 'Sofia, NDK', seats: 20, priceMinor: 15000, depositMinor: 5000, stops: [{ name: 'Sofia, NDK', offsetMinutes: 0 }, { name: 'Pernik', offsetMinutes: 30 }] },
  });
  if (!created.data) throw new Error('departure refused');
  const departureId: number = created.data.id;
  const stopTimes: string[] = created.data.stops.map((stop) => stop.departsAt);

  const listed = await api.GET('/departures', { params: { query: { from: '2027-06-01', limit: 10 } } });
  const titles: string[] = (listed.data?.items ?? []).map((departure) => departure.title);
  const nextCursor: string | null = listed.data?.nextCursor ?? null;

  const contact = await api.POST('/contacts', { body: { name: 'Иван Петров', phone: '+359888123456' } });
  const contactId = Number(contact.data?.id);

  const booked = await api.POST('/deals', { body: { departureId, contactId, seats: 2 } });
  const dealId = Number(booked.data?.id);

  const key = 'till-2027-0001';
  const payment = () =>
    api.POST('/deals/{id}/payments', { params: { path: { id: String(dealId) }, header: { 'Idempotency-Key': key } }, body: { amountMinor: 5000, method: 'cash' } });
  const first = await payment();
  const again = await payment();

  const deal = await api.GET('/deals/{id}', { params: { path: { id: String(dealId) } } });
  // format=csv|xlsx answers a spreadsheet: the JSON answer is the object one.
  const ledger = await api.GET('/payments', { params: { query: { departureId } } });
  const moneyRows = (typeof ledger.data === 'object' ? ledger.data.items : []).map((row) => ({ kind: row.kind, amountMinor: row.amountMinor, receiptNumber: row.receiptNumber }));

  const worklist = await api.GET('/worklists/{name}', { params: { path: { name: 'deposit-missing' } } });
  const owing = (worklist.data?.items ?? []).filter((item) => item.kind === 'deal' && item.id === dealId).map((item) => ({ amountMinor: item.amountMinor, urgency: item.urgency }));

  const report = await api.GET('/reports/departures', { params: { query: { from: '2027-06-01', to: '2027-06-30' } } });
  const figures = (typeof report.data === 'object' ? report.data.items : []).filter((row) => row.departureId === departureId).map((row) => ({ collectedMinor: row.collectedMinor, seatsBooked: row.seatsBooked, outstandingMinor: row.outstandingMinor }));

  const refused = await api.POST('/deals', { body: { departureId, contactId, seats: 0 } });
  const problem: { code: string; message: string; details?: unknown } | undefined = refused.error?.error;

  return {
    role,
    departureId,
    stopTimes,
    titles,
    nextCursor,
    contactId,
    dealId,
    payments: [first.response.status, again.response.status, again.response.headers.get('Idempotent-Replayed')],
    paidMinor: (deal.data as { paidMinor?: unknown } | undefined)?.paidMinor,
    moneyRows,
    owing,
    figures,
    refused: { status: refused.response.status, code: problem?.code, details: problem?.details },
  };
}
`;

/** The same client misused: each line must be refused by the compiler. */
const WRONG = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:1/api/v1' });

export async function wrong() {
  // A misspelled field of the request body.
  await api.POST('/departures', { body: { titel: 'Охрид', departsAt: '2027-06-12T06:30:00Z', meetingPoint: 'Sofia', seats: 20, priceMinor: 15000, depositMinor: 5000 } });
  // A number where the answer has a string.
  const one = await api.GET('/departures/{id}', { params: { path: { id: '1' } } });
  const title: number = one.data!.title;
  // A path the API does not have.
  await api.GET('/departure/{id}', { params: { path: { id: '1' } } });
  return title;
}
`;

let server: ServerProcess;
let dir: string;
let types: string;

// The client speaks HTTP to a server on its own SQLite file: the same on either engine, so it runs once (vitest.config.ts leaves it out of http-pg).
describe('a client generated from openapi.json', () => {
  beforeAll(async () => {
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    // Inside the repository (git-ignored), so the program resolves openapi-fetch from node_modules.
    dir = mkdtempSync(join(ROOT, 'test-artifacts', 'openapi-client-'));
    const file = join(dir, 'desk.sqlite');
    const database = openDb(file);
    migrate(database.sqlite);
    await ensureFirstDirector({ db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY }, DIRECTOR, TEST_PASSWORD_COST);
    database.sqlite.close();
    server = await startServerAt(START, { DATABASE_PATH: file, AGENCY_COUNTRY: 'BG', AGENCY_TIMEZONE: 'Europe/Sofia', AGENCY_CURRENCY: 'EUR', OUTBOX_DIR: join(dir, 'outbox') });
    const document = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    types = astToString(await openapiTS(document as never));
    writeFileSync(join(dir, 'api.d.ts'), types);
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(join(dir, 'wrong.ts'), WRONG);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let diagnostics: { file: string; line: number; message: string }[] | null = null;
  /** The compiler's complaints about `file`, as `line: message` (one program for both files). */
  function diagnosticsOf(file: string) {
    diagnostics ??= typeCheck(['client.ts', 'wrong.ts']);
    return diagnostics.filter((d) => d.file === join(dir, file));
  }

  function typeCheck(files: string[]) {
    const program = ts.createProgram(files.map((file) => join(dir, file)), {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
      noUnusedLocals: false,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return { file: d.file?.fileName ?? '', line, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
  }

  it('generates types that name the answers, and a program against them type-checks clean', () => {
    expect(types).toMatch(/Departure: \{/);
    expect(types).toMatch(/"Idempotency-Key"\?: string/);
    expect(types).toMatch(/webhooks/);
    expect(diagnosticsOf('client.ts').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
  }, 60_000);

  it('refuses a misspelled field, a number for a string and a path the API has not', () => {
    const lines = WRONG.split('\n');
    const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
    const found = diagnosticsOf('wrong.ts');
    expect(found.map((d) => d.line).sort((a, b) => a - b)).toEqual(expect.arrayContaining([lineOf('titel'), lineOf('const title: number'), lineOf("'/departure/{id}'")]));
    expect(found.find((d) => d.line === lineOf('titel'))!.message).toMatch(/titel/);
  }, 60_000);

  it('books, pays once with one Idempotency-Key sent twice, and reads the deal, a worklist and a report through the client', async () => {
    const { run } = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as { run: (baseUrl: string, email: string, password: string) => Promise<any> };
    const result = await run(`${server.url}/api/v1`, DIRECTOR.email, DIRECTOR.password);
    expect(result.role).toBe('director');
    expect(result.stopTimes).toEqual(['2027-06-12T03:30:00.000Z', '2027-06-12T04:00:00.000Z']);
    expect(result.titles).toEqual(['Охрид']);
    expect(result.nextCursor).toBeNull();
    expect(result.contactId).toBeGreaterThan(0);
    expect(result.dealId).toBeGreaterThan(0);
    expect(result.payments).toEqual([201, 201, 'true']);
    expect(result.paidMinor).toBe(5000);
    expect(result.moneyRows).toEqual([{ kind: 'payment', amountMinor: 5000, receiptNumber: expect.stringMatching(/^2026-\d{6}$/) }]);
    expect(result.owing).toHaveLength(1);
    expect(result.figures).toEqual([{ collectedMinor: 5000, seatsBooked: 2, outstandingMinor: 25000 }]);
    expect(result.refused).toMatchObject({ status: 400, code: 'validation_failed', details: { seats: expect.any(String) } });
  }, 60_000);
});
