import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError, invalid, notFound, type FieldErrors } from '../domain/errors.js';

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'body';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(fieldErrors(parsed.error));
  return parsed.data;
}

/** The JSON body, checked by the action's schema. An empty body is read as `{}`; a list is asked for with `array`. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, shape: 'object' | 'array' = 'object'): Promise<z.infer<S>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new DomainError('validation_failed', 'The body is not valid JSON', { body: 'is not valid JSON' });
    }
  }
  if (shape === 'array' ? !Array.isArray(body) : typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid({ body: shape === 'array' ? 'must be a JSON array' : 'must be a JSON object' });
  }
  return parseWith(schema, body);
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}

/** An id in the path; one that cannot exist is simply not found. */
export function idParam(c: Context, name: string, what: string): number {
  const raw = c.req.param(name) ?? '';
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound(what, raw);
  return id;
}
