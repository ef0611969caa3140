import type { ledgerEn } from './ledger.en.js';

/** Българските думи на дневника на плащанията и касовата книга в таблици. */
export const ledgerBg: Record<keyof typeof ledgerEn, string> = {
  "ledger.sheet": "Дневник на плащанията",
  "ledger.totalsSheet": "Общо",
  "ledger.receiptNumber": "№ на квитанция",
  "ledger.receivedAt": "Дата на постъпване",
  "ledger.kind": "Вид",
  "ledger.method": "Начин",
  "ledger.amount": "Сума",
  "ledger.effect": "Приход (+) / разход (−)",
  "ledger.client": "Клиент",
  "ledger.trip": "Пътуване",
  "ledger.departsAt": "Тръгване",
  "ledger.booking": "Резервация",
  "ledger.recordedBy": "Приел",
  "ledger.reference": "Референция от банката или картата",
  "ledger.reverses": "Сторнира квитанция",
  "ledger.note": "Бележка",
  "ledger.count": "Редове",
  "ledger.received": "Приход",
  "ledger.paidOut": "Разход",
  "ledger.net": "Нето",
  "ledger.byOnline": "онлайн",
  "cashbook.sheet": "Касова книга",
  "cashbook.byMethodSheet": "По начин на плащане",
  "cashbook.date": "Дата",
};
