import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/test-app.js';

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
});
