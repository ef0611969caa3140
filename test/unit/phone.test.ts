import { describe, expect, it } from 'vitest';
import { foldText, normalizePhone } from '../../src/domain/contacts/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['0881234567', 'BG', '+359881234567'],
    ['088 123 4567', 'BG', '+359881234567'],
    ['+359 88 123 4567', 'BG', '+359881234567'],
    ['00359881234567', 'BG', '+359881234567'],
    ['02 987 6543', 'BG', '+35929876543'],
    ['+7 (912) 345-67-89', 'BG', '+79123456789'],
    ['8 (912) 345-67-89', 'RU', '+79123456789'],
    ['8 912 345 67 89', 'RU', '+79123456789'],
    ['+7 495 123-45-67', 'RU', '+74951234567'],
    ['0881234567', 'RU', null],
  ] as const)('%s read in %s is %s', (input, country, expected) => {
    expect(normalizePhone(input, country)?.e164 ?? null).toBe(expected);
  });

  it('gives the digits staff type at home, with the trunk prefix', () => {
    expect(normalizePhone('+359881234567', 'BG')?.nationalDigits).toBe('0881234567');
  });

  it('refuses what is not a phone number', () => {
    for (const input of ['', 'abc', '12', '+359 1', '0000000000']) expect(normalizePhone(input, 'BG')).toBeNull();
  });
});

describe('foldText', () => {
  it('folds Cyrillic case and ё', () => {
    expect(foldText('ПЕТРОВ')).toBe('петров');
    expect(foldText('Фёдоров')).toBe('федоров');
    expect(foldText('Ångström')).toBe('ångström');
  });
});
