import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmsReceived {
  id: string;
  source: string;
  destination: string;
  dataCoding: number;
  text: string;
  /** The concatenation header as bytes, when the text came in parts. */
  udh: number[][] | null;
}

const running: ChildProcess[] = [];

/** A real SMPP server in its own process (test/helpers/smpp-process.ts); what it received, read back. */
export async function startSmppServer(options: { undeliverable?: string[]; refuse?: string[]; delayMs?: number } = {}) {
  const log = join(mkdtempSync(join(tmpdir(), 'tourdesk-smpp-')), 'received.jsonl');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/smpp-process.ts'], {
    env: { ...process.env, SMPP_LOG: log, SMPP_UNDELIVERABLE: (options.undeliverable ?? []).join(','), SMPP_REFUSE: (options.refuse ?? []).join(','), SMPP_DELAY_MS: String(options.delayMs ?? 0) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /port (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`the SMPP server exited (${code})`)));
  });
  return {
    url: `smpp://tourdesk:secret@127.0.0.1:${port}`,
    received: (): SmsReceived[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as SmsReceived) : []),
    stop: () => child.kill('SIGKILL'),
  };
}

export function stopSmppServers() {
  for (const child of running.splice(0)) child.kill('SIGKILL');
}
