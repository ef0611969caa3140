import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { moveInquiry, takeInquiry } from '../../src/domain/inquiries/index.js';
import { whoseWork } from '../../src/domain/worklists/index.js';
import { domainWorld } from '../helpers/domain.js';

const codeOf = (work: () => unknown) => {
  try {
    work();
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
    const { inquiry } = takeInquiry(manager(), { name: 'Мария', phone: '0888 123 456', message: 'Охрид за двама' });
    expect(inquiry.status).toBe('new');
    expect(codeOf(() => moveInquiry(manager(), inquiry.id, { status: 'offer_made' }))).toBe('invalid_transition');
    expect(codeOf(() => moveInquiry(manager(), inquiry.id, { status: 'refused' }))).toBe('validation_failed');
    expect(codeOf(() => moveInquiry(manager(), inquiry.id, { status: 'blacklisted', reason: 'rude' }))).toBe('forbidden');
    expect(moveInquiry(manager(), inquiry.id, { status: 'selecting' }).status).toBe('selecting');
    expect(moveInquiry(manager(), inquiry.id, { status: 'offer_made' }).status).toBe('offer_made');
    expect(moveInquiry(manager(), inquiry.id, { status: 'refused', reason: 'price_shopping' }).status).toBe('refused');
    // The same person again: a reactivation, not a duplicate.
    const again = takeInquiry(manager(), { name: 'Мария', phone: '+359888123456' });
    expect(again).toMatchObject({ merged: false, inquiry: { reactivation: true } });
    expect(moveInquiry(director(), again.inquiry.id, { status: 'blacklisted', reason: 'rude' }).status).toBe('blacklisted');
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
    expect(codeOf(() => whoseWork(manager, director.actor.id))).toBe('forbidden');
    expect(whoseWork(director, undefined)).toBeUndefined();
    expect(whoseWork(director, manager.actor.id)).toBe(manager.actor.id);
    expect(whoseWork(operator, undefined)).toBeUndefined();
    expect(codeOf(() => whoseWork(operator, manager.actor.id))).toBe('forbidden');
  });
});
