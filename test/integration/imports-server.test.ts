/**
 * A large or crafted workbook against a real server process: the desk keeps answering while a
 * 20 MB file is read, and a zip bomb is refused at once without the server's memory growing.
 * Figures are printed; the bounds asserted are loose (a small, busy machine runs these).
 */
import { execFile } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureFirstDirector } from '../../src/domain/users/bootstrap.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { AGENCY, DIRECTOR, TEST_PASSWORD_COST } from '../helpers/test-app.js';
import { bombXlsx, largeClientXlsx } from '../helpers/xlsx-files.js';

const dir = mkdtempSync(join(tmpdir(), 'tourdesk-import-server-'));
let server: ServerProcess;
let token: string;
let cookie: string;

/** The server's resident memory now and at its peak, in MiB, as the kernel counts it. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function post(bytes: Uint8Array, name: string, query: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart]), name);
  const started = performance.now();
  const response = await fetch(`${server.url}/api/v1/imports/contacts?${query}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any, ms: performance.now() - started };
}

/**
 * The same post from a process of its own: sending 20 MB keeps a process busy, and the
 * process measuring the desk's answers must not be that one.
 */
const UPLOADER = `
const [url, token, path] = process.argv.slice(1);
const form = new FormData();
form.append('file', new Blob([require('node:fs').readFileSync(path)]), 'clients.xlsx');
const started = performance.now();
fetch(url, { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: form })
  .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json(), ms: performance.now() - started })));
`;
function postFromAnotherProcess(path: string, query: string) {
  return new Promise<{ status: number; body: any; ms: number }>((resolve, reject) =>
    execFile(process.execPath, ['-e', UPLOADER, `${server.url}/api/v1/imports/contacts?${query}`, token, path], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout)),
    ),
  );
}

/** A GET on a connection of its own (a kept-alive one may be closed by the server as it is reused): its status and time. */
function timedGet(path: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  return new Promise<{ status: number; ms: number }>((resolve, reject) =>
    get(`${server.url}${path}`, { agent: false, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
    }).on('error', reject),
  );
}

/** Asks for /healthz and a signed-in page, one after the other, until `until` settles: each answer's time. */
async function keepAsking(until: Promise<unknown>) {
  let done = false;
  void until.finally(() => (done = true));
  const health: number[] = [];
  const page: number[] = [];
  while (!done) {
    const healthz = await timedGet('/healthz');
    expect(healthz.status).toBe(200);
    health.push(healthz.ms);
    const contacts = await timedGet('/contacts', { Cookie: cookie });
    expect(contacts.status).toBe(200);
    page.push(contacts.ms);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { health, page };
}

const summary = (ms: number[]) => `${ms.length} answers, median ${[...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!.toFixed(0)} ms, worst ${Math.max(...ms).toFixed(0)} ms`;

beforeAll(async () => {
  const file = join(dir, 'desk.sqlite');
  const database = openDb(file);
  migrate(database.sqlite);
  await ensureFirstDirector({ db: database.db, sqlite: database.sqlite, now: Date.now(), actor: null, agency: AGENCY }, DIRECTOR, TEST_PASSWORD_COST);
  database.sqlite.close();
  server = await startServer({ DATABASE_PATH: file, AGENCY_COUNTRY: 'BG', AGENCY_TIMEZONE: 'Europe/Sofia' });
  const session = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(DIRECTOR) });
  token = ((await session.json()) as { token: string }).token;
  const login = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams({ ...DIRECTOR, next: '/' }).toString(),
  });
  cookie = /tourdesk_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading workbooks in a server process', () => {
  it('refuses a zip bomb in seconds, whether it declares its size or lies about it, with the server\'s memory bounded', async () => {
    // The reader is loaded once by a first small file, so what follows measures the files alone.
    const warm = await post(new TextEncoder().encode('name,phone\nA,0881234567\n'), 'warm.csv', 'dryRun=true');
    expect(warm.status).toBe(200);
    const before = memoryOf(server.child.pid!);

    for (const bomb of [await bombXlsx(300), await bombXlsx(300, { declaredSize: 4096 })]) {
      const answer = await post(bomb, 'bomb.xlsx', 'dryRun=true');
      expect(answer.status).toBe(413);
      expect(answer.body.error.details.file).toMatch(/^inflates to more than 200 MB/);
      expect(answer.ms).toBeLessThan(10_000);
      console.log(`zip bomb (${(bomb.length / 1024).toFixed(0)} KiB, 300 MiB inflated): refused in ${answer.ms.toFixed(0)} ms`);
    }
    const after = memoryOf(server.child.pid!);
    console.log(`server memory: ${before.rss.toFixed(0)} MiB before, peak ${after.peak.toFixed(0)} MiB (was ${before.peak.toFixed(0)}), ${after.rss.toFixed(0)} MiB after`);
    // Reading the whole 300 MiB would take gigabytes; the check inflates in small pieces.
    expect(after.peak - before.rss).toBeLessThan(300);
  }, 120_000);

  it('keeps answering /healthz and a signed-in page while a 20 MB workbook of 100,000 clients is read', async () => {
    const workbook = largeClientXlsx(100_000, 420);
    expect(workbook.length).toBeGreaterThan(18 * 1024 * 1024);
    const path = join(dir, 'clients.xlsx');
    writeFileSync(path, workbook);
    const upload = postFromAnotherProcess(path, 'dryRun=true');
    const asked = await keepAsking(upload);
    const answer = await upload;
    const memory = memoryOf(server.child.pid!);
    console.log(
      `20 MB workbook (${(workbook.length / 1024 / 1024).toFixed(1)} MiB, 100,000 rows): read and checked in ${(answer.ms / 1000).toFixed(1)} s; ` +
        `server peak ${memory.peak.toFixed(0)} MiB, ${memory.rss.toFixed(0)} MiB after; /healthz ${summary(asked.health)}; /contacts ${summary(asked.page)}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rows: 100_000, created: 100_000, errors: [] });
    expect(asked.health.length).toBeGreaterThan(5);
    expect(Math.max(...asked.health)).toBeLessThan(1_000);
    expect(Math.max(...asked.page)).toBeLessThan(1_000);
  }, 300_000);
});
