import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresCluster {
  /** A fresh, empty database (collation C) in the cluster. */
  url: string;
  /** Stops the server at once and deletes its files. */
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster for one test file: its own temp dir, a free TCP port on
 * 127.0.0.1, trust auth, no durability (fsync off), and a fresh database. Throws, never skips,
 * when no PostgreSQL server binaries are installed.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = findBinDir();
  const asPostgres = osUserForServer();
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-pg-'));
  if (asPostgres) chownSync(dir, asPostgres.uid, asPostgres.gid);
  const data = join(dir, 'data');
  const pgCtl = (...args: string[]) => runBinary(bin, 'pg_ctl', args, asPostgres !== undefined);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopOnExit);
    await pgCtl('stop', '-D', data, '-m', 'immediate', '-w').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that dies before stop() must not leave a server running.
  const stopOnExit = () => {
    if (stopped) return;
    const [command, args] = commandLine(bin, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'], asPostgres !== undefined);
    spawnSync(command, args, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopOnExit);
  try {
    // -N: no fsync during initdb either; the cluster is thrown away.
    await runBinary(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '-N'], asPostgres !== undefined);
    const port = await startOnFreePort(pgCtl, data, dir, options.durable ?? false);
    const url = await createDatabase(`postgresql://postgres@127.0.0.1:${port}/postgres`, 'tourdesk');
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Creates an empty database next to the one `url` names and returns its URL. Created from
 * template0 with collation and ctype C: the app needs text sorted as SQLite does (see
 * src/db/schema-pg/index.ts), whatever the cluster's default.
 */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    await client.end();
  }
  const created = new URL(url);
  created.pathname = `/${name}`;
  return created.toString();
}

/** The port is found free, then taken by the server: another process may win the race, so try again. */
async function startOnFreePort(pgCtl: (...args: string[]) => Promise<unknown>, data: string, dir: string, durable: boolean): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // Tests throw the cluster away: no fsync. A bench measures what an agency would run: durable commits.
    const durability = durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off ';
    const options = `-p ${port} -k ${dir} ${durability}-c max_connections=300 -c listen_addresses=127.0.0.1`;
    try {
      // -l: the server must not hold our stdout, or execFile would wait for it to exit.
      await pgCtl('start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', options);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`PostgreSQL did not start (see the log in ${dir}): ${String(lastError)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** pg_config's bindir, then Debian's /usr/lib/postgresql/<version>/bin (newest first), then PATH. */
function findBinDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config (it comes with libpq-dev): look elsewhere.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, 'bin'));
  }
  candidates.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found via pg_config, /usr/lib/postgresql/*/bin or PATH. ' +
        'Install them: `apt-get install postgresql` (Debian/Ubuntu; `brew install postgresql@15` on macOS), or put their bin directory on PATH.',
    );
  }
  return found;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` OS user. */
function osUserForServer(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, but there is no `postgres` OS user to run PostgreSQL as (`apt-get install postgresql` creates it).');
  }
}

function commandLine(bin: string, program: string, args: string[], asPostgres: boolean): [string, string[]] {
  const path = join(bin, program);
  return asPostgres ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

async function runBinary(bin: string, program: string, args: string[], asPostgres: boolean): Promise<void> {
  const [command, commandArgs] = commandLine(bin, program, args, asPostgres);
  try {
    await run(command, commandArgs, { encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${program} ${args.join(' ')} failed: ${stderr || stdout || String(error)}`);
  }
}
