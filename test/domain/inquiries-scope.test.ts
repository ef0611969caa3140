import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { moveInquiry, takeInquiry } from '../../src/domain/inquiries/index.js';
import { whoseWork } from '../../src/domain/worklists/index.js';
import { domainWorld } from '../helpers/domain.js';

const codeOf = async (work: () => unknown) => {
  try {
    await work();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe('inquiry moves, through the domain verbs', () => {
  it('follow the table, need reasons, and only a director black-lists', async () => {
    const world = await domainWorld();
    const manager = await world.ctxAs('manager');
    const director = await world.ctxAs('director');
    const { inquiry } = await takeInquiry(manager(), { name: 'Мария', phone: '0888 123 456', message: 'Охрид за двама' });
    expect(inquiry.status).toBe('new');
    expect(await codeOf(async () => await moveInquiry(manager(), inquiry.id, { status: 'offer_made' }))).toBe('invalid_transition');
    expect(await codeOf(async () => await moveInquiry(manager(), inquiry.id, { status: 'refused' }))).toBe('validation_failed');
    expect(await codeOf(async () => await moveInquiry(manager(), inquiry.id, { status: 'blacklisted', reason: 'rude' }))).toBe('forbidden');
    expect((await moveInquiry(manager(), inquiry.id, { status: 'selecting' })).status).toBe('selecting');
    expect((await moveInquiry(manager(), inquiry.id, { status: 'offer_made' })).status).toBe('offer_made');
    expect((await moveInquiry(manager(), inquiry.id, { status: 'refused', reason: 'price_shopping' })).status).toBe('refused');
    // The same person again: a reactivation, not a duplicate.
    const again = await takeInquiry(manager(), { name: 'Мария', phone: '+359888123456' });
    expect(again).toMatchObject({ merged: false, inquiry: { reactivation: true } });
    expect((await moveInquiry(director(), again.inquiry.id, { status: 'blacklisted', reason: 'rude' })).status).toBe('blacklisted');
  });
});

describe('whose work a person may open', () => {
  it('a manager their own, a director anyone, an operator the agency', async () => {
    const world = await domainWorld();
    const manager = (await world.ctxAs('manager'))();
    const director = (await world.ctxAs('director'))();
    const operator = (await world.ctxAs('operator'))();
    expect(whoseWork(manager, undefined)).toBe(manager.actor.id);
    expect(whoseWork(manager, manager.actor.id)).toBe(manager.actor.id);
    expect(await codeOf(() => whoseWork(manager, director.actor.id))).toBe('forbidden');
    expect(whoseWork(director, undefined)).toBeUndefined();
    expect(whoseWork(director, manager.actor.id)).toBe(manager.actor.id);
    expect(whoseWork(operator, undefined)).toBeUndefined();
    expect(await codeOf(() => whoseWork(operator, manager.actor.id))).toBe('forbidden');
  });
});
