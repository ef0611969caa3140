/**
 * What the API answers, as zod schemas: the one source of the answers in openapi.json and of
 * the tests that hold each schema to what the routes really send. Each area of the API keeps
 * its own file with a map from an operation (`method path`, exactly as OPERATIONS in
 * openapi.ts writes it, e.g. `get /deals/:id`) to the schema of its success answer.
 */
import { z } from 'zod';

export type OperationKey = `${'get' | 'post' | 'patch' | 'put' | 'delete'} /${string}`;
export type Answers = Partial<Record<OperationKey, z.ZodType>>;

/** An instant as the API writes it: ISO 8601 in UTC. */
export const Instant = z.iso.datetime({ offset: true }).meta({ description: 'An instant, ISO 8601 in UTC' });
/** A calendar day, YYYY-MM-DD. */
export const Day = z.iso.date();
/** Money in minor units (cents, stotinki, kopecks). */
export const Minor = z.number().int().meta({ description: 'Money in minor units' });
