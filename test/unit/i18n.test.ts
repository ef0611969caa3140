import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/domain/context.js';
import { formatMoney, label, MESSAGES, t } from '../../src/i18n/index.js';

/** The parameter names a message uses, plural and select arguments included (read from its parsed form, so a select's words are not taken for parameters). */
function paramsOf(text: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type !== TYPE.literal && 'value' in element && typeof element.value === 'string') names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  return names;
}

describe('catalogues', () => {
  it('every text is valid ICU MessageFormat and takes the parameters the English one takes', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(MESSAGES[locale])) {
        expect(() => new IntlMessageFormat(text, locale, undefined, { ignoreTag: true }), `${locale} ${key}`).not.toThrow();
        const english = paramsOf(MESSAGES.en[key as keyof typeof MESSAGES.en]);
        expect(paramsOf(text), `${locale} ${key}`).toEqual(english);
      }
    }
  });

  it('counts by each language\'s plural rules', () => {
    expect(t('en', 'myday.count', { count: 1 })).toBe('1 client needs you');
    expect(t('en', 'myday.count', { count: 2 })).toBe('2 clients need you');
    expect(t('ru', 'myday.count', { count: 1 })).toBe('Вас ждёт 1 клиент');
    expect(t('ru', 'myday.count', { count: 3 })).toBe('Вас ждут 3 клиента');
    expect(t('ru', 'myday.count', { count: 5 })).toBe('Вас ждут 5 клиентов');
    expect(t('ru', 'myday.count', { count: 21 })).toBe('Вас ждёт 21 клиент');
    expect(t('bg', 'myday.count', { count: 1 })).toBe('Чака ви 1 клиент');
    expect(t('bg', 'myday.count', { count: 7 })).toBe('Чакат ви 7 клиенти');
    expect(t('en', 'reason.offer_expiring.few', { expiresAt: 'tomorrow', contacts: 1 })).toBe('Offer runs out tomorrow, only 1 contact since it was made');
    expect(t('ru', 'inquiry.seatsLeft', { n: 2 })).toBe('осталось 2 места');
    expect(t('bg', 'report.total', { n: 1 })).toBe('Общо (1 екскурзия)');
  });

  it('never throws: an unknown key or code is shown as given, a missing parameter stays visible', () => {
    expect(t('bg', 'no.such.key' as never)).toBe('no.such.key');
    expect(label('ru', 'source', 'tiktok')).toBe('tiktok');
    expect(label('ru', 'source', 'phone')).toBe(MESSAGES.ru['source.phone']);
    expect(label('en', 'status', null)).toBe('');
    expect(() => t('en', 'myday.count')).not.toThrow();
  });

  it('money takes its scale from the currency', () => {
    expect(formatMoney('bg', 15000, 'EUR')).toMatch(/^150,00\s€$/u);
    expect(formatMoney('en', 15000, 'JPY')).toBe('JP¥15,000');
    expect(formatMoney('en', 15000, 'KWD')).toMatch(/^KWD\s15\.000$/u);
  });
});
