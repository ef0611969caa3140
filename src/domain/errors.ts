export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'sold_out'
  | 'invalid_transition'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  /** The card provider did not answer or refused: nothing was changed here. */
  | 'provider_unavailable';

/** Field path -> what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** The one error type of the domain; the HTTP layer maps `code` to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: unknown, field?: string) =>
  new DomainError('not_found', `${what} ${String(id)} not found`, field ? { field } : undefined);

export const invalid = (fields: FieldErrors) =>
  new DomainError(
    'validation_failed',
    `Invalid ${Object.keys(fields).join(', ')}: ${Object.values(fields)[0] ?? ''}`,
    fields,
  );
