import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../src/http/api/answers/index.js';
import { OPERATIONS, operationKey } from '../../src/http/api/openapi.js';
import { makeTestApp } from '../helpers/test-app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The document as the API serves it. */
async function served() {
  const t = await makeTestApp();
  return (await (await t.app.request('/api/v1/openapi.json')).json()) as any;
}

/** Redocly's CLI on a file, with the repository's redocly.yaml: its totals and problems. */
function redoclyLint(file: string) {
  return new Promise<{ code: number; report: { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] } | null; output: string }>((resolve) =>
    execFile(
      join(ROOT, 'node_modules/.bin/redocly'),
      ['lint', file, '--format=json', '--config', join(ROOT, 'redocly.yaml')],
      // No telemetry, no update check: the test must not reach the network.
      { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const json = /\{[\s\S]*\}/.exec(stdout)?.[0];
        let report = null;
        try {
          report = json ? JSON.parse(json) : null;
        } catch {
          // left null: the assertion below shows the output
        }
        resolve({ code: error ? Number(error.code ?? 1) : 0, report, output: `${stdout}\n${stderr}` });
      },
    ),
  );
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 that a maintained validator accepts, and names every route the API has, and no other', async () => {
    const t = await makeTestApp();
    const answer = await t.app.request('/api/v1/openapi.json');
    expect(answer.status).toBe(200);
    const document = (await answer.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does judge: the same document without its info is refused.
    const { info: _info, ...broken } = document as Record<string, unknown>;
    expect((await new Validator().validate(broken as never)).valid).toBe(false);

    const registered = new Set(
      t.app.routes
        .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    const described = new Set(Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`)));
    expect([...registered].filter((route) => !described.has(route)), 'routes missing from the document').toEqual([]);
    expect([...described].filter((route) => !registered.has(route)), 'documented routes the API does not have').toEqual([]);
  });

  it('describes a request body from the schema that validates it', async () => {
    const t = await makeTestApp();
    const document = (await (await t.app.request('/api/v1/openapi.json')).json()) as any;
    const task = document.paths['/tasks'].post.requestBody.content['application/json'].schema;
    expect(task.required).toEqual(expect.arrayContaining(['title', 'dueAt', 'assigneeId']));
    expect(task.properties.title.maxLength).toBe(200);
    const query = document.paths['/contacts'].get.parameters.map((p: any) => p.name);
    expect(query).toEqual(expect.arrayContaining(['q', 'stage', 'limit', 'cursor']));
    expect(document.paths['/public/inquiries'].post.security).toEqual([]);
  });

  it("lints clean with Redocly's recommended rules (no error, no warning), and the linter does judge", async () => {
    const document = await served();
    const dir = mkdtempSync(join(tmpdir(), 'tourdesk-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const clean = await redoclyLint(file);
      expect(clean.report, clean.output.slice(0, 3000)).not.toBeNull();
      expect(clean.report!.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(clean.report!.totals).toMatchObject({ errors: 0, warnings: 0 });
      expect(clean.code).toBe(0);

      // The same document with an operation without operationId and an undeclared tag is refused.
      const broken = structuredClone(document);
      delete broken.paths['/tasks'].get.operationId;
      broken.paths['/tasks'].get.tags = ['nowhere'];
      writeFileSync(file, JSON.stringify(broken));
      const refused = await redoclyLint(file);
      expect(refused.report!.totals.errors + refused.report!.totals.warnings).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('describes every answer schema under its operation, named objects as components referenced by $ref', async () => {
    const keys = new Set(OPERATIONS.map(operationKey));
    expect(Object.keys(ANSWERS).filter((key) => !keys.has(key as never)), 'answer schemas of no operation').toEqual([]);
    const document = await served();
    const schemas = document.components.schemas;
    const departure = document.paths['/departures/{id}'].get.responses['200'].content['application/json'].schema;
    expect(departure).toEqual({ $ref: '#/components/schemas/Departure' });
    expect(schemas.Departure.required).toEqual(expect.arrayContaining(['id', 'departsAt', 'seatsLeft', 'stops', 'vehicles']));
    expect(schemas.Departure.properties.departsAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(schemas.Departure.properties.returnsAt.anyOf).toEqual(expect.arrayContaining([{ type: 'null' }]));
    expect(schemas.Departure.properties.costs).toBeDefined();
    expect(schemas.Departure.required).not.toContain('costs');
    // A list: its envelope, its items the named object.
    const list = document.paths['/departures'].get.responses['200'];
    expect(list.description).toMatch(/nextCursor/);
    const listSchema = schemas[list.content['application/json'].schema.$ref.split('/').pop()];
    expect(listSchema.properties.items.items).toEqual({ $ref: '#/components/schemas/Departure' });
    expect(listSchema.required).toEqual(expect.arrayContaining(['items', 'nextCursor']));
    expect(document.paths['/session'].post.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignIn' });
    expect(schemas.SignIn.properties.user).toEqual({ $ref: '#/components/schemas/User' });

    // Every answer schema is in the document; an operation without one yet answers an object (a list: its envelope).
    for (const o of OPERATIONS) {
      const success = document.paths[o.path.replace(/:(\w+)/g, '{$1}')][o.method].responses[String(o.status ?? 200)];
      const json = success.content?.['application/json']?.schema;
      if (ANSWERS[operationKey(o)]) expect(json?.$ref, operationKey(o)).toMatch(/^#\/components\/schemas\//);
      else if (json && o.list) expect(json.required, operationKey(o)).toEqual(['items', 'nextCursor']);
      else if (json) expect(json, operationKey(o)).toEqual({ type: 'object', additionalProperties: true });
    }
    // Every $ref points at a component there is.
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    const missing = refs.map((r) => r.slice(8, -1)).filter((ref) => !schemas[ref.replace('#/components/schemas/', '')]);
    expect(missing).toEqual([]);
  });

  it('names the errors of each operation, the Idempotency-Key where it is honoured, and the spreadsheets of the reports', async () => {
    const document = await served();
    const operations = Object.entries(document.paths).flatMap(([path, methods]: [string, any]) => Object.entries(methods).map(([method, o]: [string, any]) => ({ key: `${method} ${path}`, o })));
    // Only two operations can refuse nothing (no parameters, no sign-in); every other names its 4xx.
    const without4xx = operations.filter(({ o }) => !Object.keys(o.responses).some((status) => /^4/.test(status))).map(({ key }) => key);
    expect(without4xx.sort()).toEqual(['get /openapi.json', 'get /public/departures']);
    for (const { key, o } of operations) {
      for (const [status, response] of Object.entries(o.responses) as [string, any][]) {
        if (/^[45]/.test(status)) expect(response.content['application/json'].schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
      if (o.security === undefined) expect(o.responses['401'], key).toBeDefined();
      if (key.includes('{')) expect(o.responses['404'], key).toBeDefined();
    }
    const deals = document.paths['/deals'].post.responses;
    expect(deals['400'].description).toMatch(/validation_failed/);
    expect(deals['409'].description).toMatch(/sold_out/);
    expect(document.paths['/inquiries/{id}/status'].post.responses['409'].description).toMatch(/invalid_transition/);
    expect(document.paths['/reports/funnel'].get.responses['403'].description).toMatch(/forbidden: only directors/);
    expect(document.paths['/session'].post.responses['429'].description).toMatch(/rate_limited/);
    expect(document.paths['/public/inquiries'].post.responses['429']).toBeDefined();

    const idempotent = operations.filter(({ o }) => o.parameters.some((p: any) => p.name === 'Idempotency-Key' && p.in === 'header')).map(({ key }) => key);
    expect(idempotent.sort()).toEqual(['post /deals/{id}/boarding', 'post /deals/{id}/payments', 'post /public/bookings']);
    expect(document.paths['/deals/{id}/payments'].post.responses['201'].headers['Idempotent-Replayed']).toBeDefined();

    for (const path of ['/reports/departures', '/reports/departures/{id}', '/reports/funnel', '/reports/cashbook', '/payments']) {
      expect(Object.keys(document.paths[path].get.responses['200'].content), path).toEqual(['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    }
    expect(Object.keys(document.paths['/departures'].get.responses['200'].content)).toEqual(['application/json']);
  });

  it('describes every webhook event: a signed POST whose body is the payload, the objects by their component names', async () => {
    const document = await served();
    expect(Object.keys(document.webhooks).sort()).toEqual(
      ['deal.cancelled', 'deal.created', 'deal.status_changed', 'deal.updated', 'departure.changed', 'inquiry.created', 'notification.failed', 'payment.recorded', 'refund.recorded', 'voucher.sent', 'waitlist.offered', 'webhook.test'].sort(),
    );
    const schemas = document.components.schemas;
    const payloadOf = (event: string) => {
      const post = document.webhooks[event].post;
      expect(post.parameters.map((p: any) => `${p.in} ${p.name}`)).toEqual(['header webhook-id', 'header webhook-timestamp', 'header webhook-signature']);
      return schemas[post.requestBody.content['application/json'].schema.$ref.split('/').pop()];
    };
    const changed = payloadOf('departure.changed');
    expect(changed.required).toEqual(['type', 'timestamp', 'data']);
    expect(changed.properties.type).toMatchObject({ const: 'departure.changed' });
    expect(changed.properties.data.properties.departure).toEqual({ $ref: '#/components/schemas/Departure' });
    expect(changed.properties.data.required).toEqual(expect.arrayContaining(['departureId', 'scheduleChanged', 'departure']));
    // An object no area describes yet is an open object, until its schema is there.
    for (const [event, field, id] of [['deal.created', 'deal', 'Deal'], ['payment.recorded', 'payment', 'Payment'], ['inquiry.created', 'inquiry', 'Inquiry'], ['notification.failed', 'notification', 'Notification'], ['waitlist.offered', 'entry', 'WaitlistEntry']] as const) {
      const property = payloadOf(event).properties.data.properties[field];
      if (schemas[id]) expect(property, event).toEqual({ $ref: `#/components/schemas/${id}` });
      else expect(property, event).toMatchObject({ type: 'object', additionalProperties: {} });
    }
    expect(payloadOf('webhook.test').properties.data.required).toEqual(['webhookId', 'message']);
  });
});
