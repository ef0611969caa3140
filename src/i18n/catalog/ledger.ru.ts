import type { ledgerEn } from './ledger.en.js';

/** Русские слова журнала платежей и кассовой книги в таблицах. */
export const ledgerRu: Record<keyof typeof ledgerEn, string> = {
  "ledger.sheet": "Журнал платежей",
  "ledger.totalsSheet": "Итоги",
  "ledger.receiptNumber": "№ квитанции",
  "ledger.receivedAt": "Дата поступления",
  "ledger.kind": "Вид",
  "ledger.method": "Способ",
  "ledger.amount": "Сумма",
  "ledger.effect": "Приход (+) / расход (−)",
  "ledger.client": "Клиент",
  "ledger.trip": "Поездка",
  "ledger.departsAt": "Отправление",
  "ledger.booking": "Бронь",
  "ledger.recordedBy": "Принял",
  "ledger.reference": "Номер в банке или у эквайера",
  "ledger.reverses": "Аннулирует квитанцию",
  "ledger.note": "Примечание",
  "ledger.count": "Строк",
  "ledger.received": "Приход",
  "ledger.paidOut": "Расход",
  "ledger.net": "Итого",
  "ledger.byOnline": "онлайн",
  "cashbook.sheet": "Кассовая книга",
  "cashbook.byMethodSheet": "По способам",
  "cashbook.date": "Дата",
};
