import type { Locale } from '../context.js';
import type { PlanInput } from './schemas.js';

/**
 * The stages of a bus trip as the agencies' own scenario names them (advertising, collecting
 * requests, documents, deposit, payment, voucher, the reminder of time and place), given to
 * a new installation in its language so the first trip already has a plan. A director
 * changes it on the tasks page.
 */
const STAGES: { days: number; role: 'operator' | 'manager'; title: Record<Locale, string> }[] = [
  { days: 45, role: 'manager', title: { bg: 'реклама', ru: 'реклама', en: 'advertising' } },
  { days: 30, role: 'manager', title: { bg: 'събиране на заявки', ru: 'сбор заявок', en: 'collecting bookings' } },
  { days: 21, role: 'manager', title: { bg: 'документи', ru: 'документы', en: 'documents' } },
  { days: 14, role: 'manager', title: { bg: 'капаро', ru: 'предоплата', en: 'deposits' } },
  { days: 7, role: 'manager', title: { bg: 'плащане', ru: 'оплата', en: 'payment' } },
  { days: 3, role: 'operator', title: { bg: 'ваучер', ru: 'ваучер', en: 'vouchers' } },
  {
    days: 1,
    role: 'operator',
    title: { bg: 'напомняне за време и място на тръгване', ru: 'напоминание о времени и месте отправления', en: 'reminder of departure time and place' },
  },
];

export const defaultPlan = (locale: Locale): PlanInput =>
  STAGES.map((stage) => ({ title: stage.title[locale], daysBeforeDeparture: stage.days, role: stage.role }));
