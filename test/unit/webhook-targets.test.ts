import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { checkWebhookTarget, isInternalAddress, webhookUrlProblem, type ResolveHost } from '../../src/domain/webhooks/targets.js';

describe('addresses inside the network', () => {
  it.each([
    '0.0.0.0',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.1',
    '100.127.255.254',
    '127.0.0.1',
    '127.8.9.10',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.1.2.3',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    '[::1]',
  ])('%s is refused', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '93.184.216.34', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '169.253.0.1', '192.169.0.1', '223.255.255.255', '2001:4860:4860::8888', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s may be posted to',
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );

  it('anything that is not an IP address is never a place to post to', () => {
    expect(isInternalAddress('example.com')).toBe(true);
    expect(isInternalAddress('')).toBe(true);
  });
});

describe('a receiver address as written', () => {
  it.each([
    ['https://hooks.example.com/tourdesk?x=1', null],
    ['http://hooks.example.com:8080/h', null],
    ['ftp://hooks.example.com/h', 'must be an http or https URL'],
    ['hooks.example.com/h', 'must be an http or https URL'],
    ['https://hooks.example.com/h\n', 'must not contain control characters (U+000A)'],
    ['https://hooks.example.com/h\r\nX-Injected: 1', 'must not contain control characters (U+000D)'],
    ['https://hooks.example.com/\u0000h', 'must not contain control characters (U+0000)'],
    ['\thttps://hooks.example.com/h', 'must not contain control characters (U+0009)'],
    ['https://hooks.example.com/\u007fh', 'must not contain control characters (U+007F)'],
    ['https://hooks.example.com/\u200bh', 'must not contain control characters (U+200B)'],
    ['https://hooks.example.com/\u202eh', 'must not contain text-direction override characters (U+202E)'],
    ['https://hooks.example.com/a b', 'must not contain spaces'],
    [' https://hooks.example.com/h', 'must not contain spaces'],
    ['https://hooks.example.com/a\u00a0b', 'must not contain spaces'],
    ['https://user:secret@hooks.example.com/h', 'must not contain a user name or password'],
    ['https://token@hooks.example.com/h', 'must not contain a user name or password'],
  ])('%j: %s', (url, problem) => {
    const found = webhookUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found?.startsWith(problem), String(found)).toBe(true);
  });
});

describe('where a post would go', () => {
  /** A resolver answering from a table, counting its questions. */
  const table = (answers: Record<string, string[]>) => {
    const asked: string[] = [];
    const resolve: ResolveHost = async (hostname) => {
      asked.push(hostname);
      const found = answers[hostname];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { resolve, asked };
  };

  it('a name resolving to an internal address, even one among public ones, is refused; a public one is taken with its addresses', async () => {
    const dns = table({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'], 'sneaky.example.com': ['93.184.216.34', '10.0.0.5'], 'metadata.example.com': ['169.254.169.254'] });
    const policy = { allowPrivate: false, resolve: dns.resolve };
    expect(await checkWebhookTarget('https://hooks.example.com/h', policy)).toMatchObject({ ok: true, hostname: 'hooks.example.com', addresses: [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }] });
    expect(await checkWebhookTarget('https://sneaky.example.com/h', policy)).toEqual({ ok: false, reason: 'internal', hostname: 'sneaky.example.com', address: '10.0.0.5' });
    expect(await checkWebhookTarget('http://metadata.example.com/latest', policy)).toMatchObject({ ok: false, reason: 'internal', address: '169.254.169.254' });
    expect(await checkWebhookTarget('https://nowhere.example.com/h', policy)).toEqual({ ok: false, reason: 'unresolved', hostname: 'nowhere.example.com' });
  });

  it('IP literals are judged without asking DNS, in every spelling a URL allows', async () => {
    const dns = table({});
    const policy = { allowPrivate: false, resolve: dns.resolve };
    for (const url of ['http://10.0.0.1/h', 'http://[::1]:8080/h', 'http://0x7f.1/h', 'http://2130706433/h', 'http://[::ffff:127.0.0.1]/h', 'http://169.254.169.254/latest/meta-data']) {
      expect(await checkWebhookTarget(url, policy), url).toMatchObject({ ok: false, reason: 'internal' });
    }
    expect(await checkWebhookTarget('http://93.184.216.34/h', policy)).toMatchObject({ ok: true, addresses: [{ address: '93.184.216.34', family: 4 }] });
    expect(dns.asked).toEqual([]);
  });

  it('localhost is loopback whatever a resolver says; the installation may allow internal receivers', async () => {
    const dns = table({ 'localhost': ['93.184.216.34'], 'app.localhost': ['93.184.216.34'], 'receiver.lan': ['192.168.1.20'] });
    expect(await checkWebhookTarget('http://localhost:3000/h', { allowPrivate: false, resolve: dns.resolve })).toMatchObject({ ok: false, reason: 'internal' });
    expect(await checkWebhookTarget('http://app.localhost/h', { allowPrivate: false, resolve: dns.resolve })).toMatchObject({ ok: false, reason: 'internal' });
    const allowed = { allowPrivate: true, resolve: dns.resolve };
    expect(await checkWebhookTarget('http://receiver.lan/h', allowed)).toMatchObject({ ok: true, addresses: [{ address: '192.168.1.20' }] });
    expect(await checkWebhookTarget('http://127.0.0.1:9000/h', allowed)).toMatchObject({ ok: true });
  });

  it('a resolver that does not answer in time counts as not resolving', async () => {
    const hanging: ResolveHost = () => new Promise(() => {});
    expect(await checkWebhookTarget('https://slow.example.com/h', { allowPrivate: false, resolve: hanging, timeoutMs: 50 })).toEqual({ ok: false, reason: 'unresolved', hostname: 'slow.example.com' });
  });
});

describe('WEBHOOK_ALLOW_PRIVATE', () => {
  it('is off unless set to true; anything else stops the start with a line naming it', () => {
    expect(loadConfig({}).WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true' }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'false' }).WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/^Invalid configuration: WEBHOOK_ALLOW_PRIVATE must be true or false/);
  });
});
