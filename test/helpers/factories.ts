import type { TestApp } from './test-app.js';

let sequence = 0;
const next = () => ++sequence;

export function departureBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Охрид 29.10',
    destination: 'Ohrid',
    departsAt: '2027-10-29T06:30:00+03:00',
    meetingPoint: 'Sofia, NDK, parking lot',
    seats: 49,
    priceMinor: 15000,
    depositMinor: 5000,
    ...overrides,
  };
}

export function contactBody(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    name: `Клиент ${n}`,
    phone: `+35988${String(1000000 + n).slice(-7)}`,
    email: `client${n}@example.com`,
    ...overrides,
  };
}

async function expectCreated(promise: Promise<{ status: number; body: any }>) {
  const answer = await promise;
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export const createDeparture = (t: TestApp, token: string, overrides: Record<string, unknown> = {}) =>
  expectCreated(t.call('POST', '/api/v1/departures', { token, body: departureBody(overrides) }));

export const createContact = (t: TestApp, token: string, overrides: Record<string, unknown> = {}) =>
  expectCreated(t.call('POST', '/api/v1/contacts', { token, body: contactBody(overrides) }));

export async function createDeal(
  t: TestApp,
  token: string,
  overrides: Record<string, unknown> & { departureId?: number } = {},
) {
  const departureId = overrides.departureId ?? (await createDeparture(t, token)).id;
  const contactId = overrides.contactId ?? (await createContact(t, token)).id;
  return expectCreated(
    t.call('POST', '/api/v1/deals', { token, body: { seats: 1, ...overrides, departureId, contactId } }),
  );
}

export const pay = (t: TestApp, token: string, dealId: number, amountMinor: number, extra: Record<string, unknown> = {}) =>
  expectCreated(
    t.call('POST', `/api/v1/deals/${dealId}/payments`, { token, body: { amountMinor, method: 'cash', ...extra } }),
  );
