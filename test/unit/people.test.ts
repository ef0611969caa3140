import { describe, expect, it } from 'vitest';
import { peopleInMessage } from '../../src/domain/inquiries/people.js';

describe('people an inquiry speaks of', () => {
  it('reads the counts clients write in Bulgarian, Russian and English', () => {
    expect(peopleInMessage('Охрид за двама')).toBe(2);
    expect(peopleInMessage('Искаме места за 3 души, моля')).toBe(3);
    expect(peopleInMessage('Нас трое, с ребёнком')).toBe(3);
    expect(peopleInMessage('Бронь на 4 человека')).toBe(4);
    expect(peopleInMessage('Are there seats for two?')).toBe(2);
    expect(peopleInMessage('2 adults to Istanbul')).toBe(2);
  });

  it('says nothing when the message does not say, and ignores dates and prices', () => {
    expect(peopleInMessage('Охрид 29.10, цена?')).toBeNull();
    expect(peopleInMessage('Кога тръгва автобусът?')).toBeNull();
    expect(peopleInMessage('')).toBeNull();
    expect(peopleInMessage(null)).toBeNull();
    // "две" inside another word is not a count
    expect(peopleInMessage('Предвиждате ли обяд?')).toBeNull();
  });
});
