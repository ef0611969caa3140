/**
 * Holds an answer schema to a real answer: the body must parse, and every field the body
 * carries must be declared by the schema (an undeclared field is one a generated client
 * cannot see). A field the schema declares but the answer lacks is allowed only when optional.
 */
import { expect } from 'vitest';
import { z } from 'zod';
import { ANSWERS } from '../../src/http/api/answers/index.js';
import type { OperationKey } from '../../src/http/api/answers/types.js';
import { webhookEventSchemas } from '../../src/http/api/answers/webhook-events.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/** The paths (`items.0.travellers.1.extras`) of fields the value has and the schema does not declare. */
export function undeclaredFields(schema: JsonSchema, value: unknown, root: JsonSchema = schema, path = ''): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    return target ? undeclaredFields(target, value, root, path) : [];
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    // The value is judged by the alternative that leaves least undeclared (the one it matches).
    const found = alternatives.map((alternative) => undeclaredFields(alternative, value, root, path));
    return found.reduce((best, next) => (next.length < best.length ? next : best), found[0] ?? []);
  }
  if (schema.allOf) return schema.allOf.flatMap((part) => undeclaredFields(part, value, root, path));
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const itemSchema = schema.prefixItems?.[i] ?? schema.items;
      return itemSchema ? undeclaredFields(itemSchema, item, root, `${path}${i}.`) : [];
    });
  }
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    const declared = schema.properties?.[key];
    if (declared) out.push(...undeclaredFields(declared, field, root, `${path}${key}.`));
    else if (typeof schema.additionalProperties === 'object') out.push(...undeclaredFields(schema.additionalProperties, field, root, `${path}${key}.`));
    else if (schema.additionalProperties !== true && schema.type !== undefined) out.push(`${path}${key}`);
    else if (schema.additionalProperties !== true && schema.properties) out.push(`${path}${key}`);
  }
  return out;
}

/** Expects `body` to be what `operation`'s answer schema says, no more and no less. */
export function expectAnswer(operation: OperationKey, body: unknown) {
  const schema = ANSWERS[operation];
  expect(schema, `no answer schema for ${operation}`).toBeDefined();
  const parsed = schema!.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 10), `${operation}: the answer does not parse`).toEqual([]);
  const json = z.toJSONSchema(schema!, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  expect(undeclaredFields(json, body), `${operation}: fields the schema does not declare`).toEqual([]);
}

/** Expects a webhook delivery's body to be what openapi.json's `webhooks` says of its event. */
export function expectWebhookPayload(payload: { type: string }) {
  void ANSWERS; // the answer modules file the named objects (Deal, Payment, ...) in zod's registry
  const named = (z.globalRegistry as unknown as { _idmap: Map<string, z.ZodType> })._idmap;
  const event = webhookEventSchemas((id) => named.get(id)).find((e) => e.type === payload.type);
  expect(event, `no schema for the event ${payload.type}`).toBeDefined();
  const parsed = event!.payload.safeParse(payload);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 10), `${payload.type}: the payload does not parse`).toEqual([]);
  const json = z.toJSONSchema(event!.payload, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  expect(undeclaredFields(json, payload), `${payload.type}: fields the schema does not declare`).toEqual([]);
}
