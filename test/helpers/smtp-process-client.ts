import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts test/helpers/smtp-process.ts in its own process: what it accepted (the Message-IDs,
 * logged in `dir`) survives whatever happens to the senders. `delayMs` is "min-max" per mail.
 */
export async function smtpProcess(dir: string, delayMs: string) {
  const log = join(dir, 'accepted.log');
  writeFileSync(log, '');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/smtp-process.ts'], {
    cwd: ROOT,
    env: { ...process.env, SMTP_LOG: log, SMTP_DELAY_MS: delayMs },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /port (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`smtp server exited ${code}`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** The Message-IDs accepted so far. */
    accepted: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    stop: () => child.kill('SIGTERM'),
  };
}
