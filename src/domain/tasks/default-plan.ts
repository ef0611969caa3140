import type { Locale } from '../context.js';
import type { PlanInput } from './schemas.js';

/** The seeded stages by what they are, whatever language their titles were seeded in. */
export const STAGE_CODES = ['advertising', 'collecting', 'documents', 'deposits', 'payment', 'vouchers', 'reminder'] as const;
export type StageCode = (typeof STAGE_CODES)[number];

/**
 * The stages of a bus trip as the agencies' own scenario names them (advertising, collecting
 * requests, documents, deposit, payment, voucher, the reminder of time and place), given to
 * a new installation in its language so the first trip already has a plan. A director
 * changes it on the tasks page.
 */
const STAGES: { code: StageCode; days: number; role: 'operator' | 'manager'; title: Record<Locale, string> }[] = [
  { code: 'advertising', days: 45, role: 'manager', title: { bg: 'реклама', ru: 'реклама', en: 'advertising' } },
  { code: 'collecting', days: 30, role: 'manager', title: { bg: 'събиране на заявки', ru: 'сбор заявок', en: 'collecting bookings' } },
  { code: 'documents', days: 21, role: 'manager', title: { bg: 'документи', ru: 'документы', en: 'documents' } },
  { code: 'deposits', days: 14, role: 'manager', title: { bg: 'капаро', ru: 'предоплата', en: 'deposits' } },
  { code: 'payment', days: 7, role: 'manager', title: { bg: 'плащане', ru: 'оплата', en: 'payment' } },
  { code: 'vouchers', days: 3, role: 'operator', title: { bg: 'ваучер', ru: 'ваучер', en: 'vouchers' } },
  {
    code: 'reminder',
    days: 1,
    role: 'operator',
    title: { bg: 'напомняне за време и място на тръгване', ru: 'напоминание о времени и месте отправления', en: 'reminder of departure time and place' },
  },
];

export const defaultPlan = (locale: Locale): PlanInput =>
  STAGES.map((stage) => ({ title: stage.title[locale], daysBeforeDeparture: stage.days, role: stage.role }));

const normal = (title: string) => title.trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru');
const CODE_OF_TITLE = new Map(STAGES.flatMap((stage) => Object.values(stage.title).map((title) => [normal(title), stage.code] as const)));

/**
 * The stage a plan title names when it is one of the seeded stages, in any of the languages
 * they are seeded in (a plan written in Bulgarian is read by Russian colleagues); a title the
 * agency typed itself is no stage the code knows: null.
 */
export const knownStageOf = (title: string): StageCode | null => CODE_OF_TITLE.get(normal(title)) ?? null;
