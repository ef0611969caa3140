import { describe, expect, it } from 'vitest';
import { genderOfName } from '../../src/i18n/name-gender.js';
import { t } from '../../src/i18n/index.js';

describe('the words that agree with a traveller', () => {
  it('read the gender from Slavic surnames and patronymics, in Cyrillic and Latin letters, either order', () => {
    expect(genderOfName('Мария Петрова')).toBe('female');
    expect(genderOfName('Петрова Мария')).toBe('female');
    expect(genderOfName('Анна Сергеевна Иванова')).toBe('female');
    expect(genderOfName('Ирина Вишневская')).toBe('female');
    expect(genderOfName('Ivanova Elena')).toBe('female');
    expect(genderOfName('Иван Петров')).toBe('male');
    expect(genderOfName('Никита Ильин')).toBe('male');
    expect(genderOfName('Никола Колев')).toBe('male');
    expect(genderOfName('Сергей Вишневский')).toBe('male');
    expect(genderOfName('Dmitry Ivanovich Sokolov')).toBe('male');
  });

  it('leave a name that says nothing to the neutral wording, never a guess from a given name', () => {
    expect(genderOfName('Никита')).toBe('other');
    expect(genderOfName('John Smith')).toBe('other');
    expect(genderOfName('')).toBe('other');
    expect(t('ru', 'boarding.noShow', { g: genderOfName('Мария Петрова') })).toBe('Не явилась');
    expect(t('ru', 'boarding.noShow', { g: genderOfName('Иван Петров') })).toBe('Не явился');
    expect(t('ru', 'boarding.noShow', { g: genderOfName('John Smith') })).toBe('Неявка');
    expect(t('bg', 'boarding.is.boarded', { g: genderOfName('Мария Петрова') })).toBe('Качена');
    expect(t('en', 'boarding.is.boarded', { g: 'female' })).toBe('Boarded');
  });
});
