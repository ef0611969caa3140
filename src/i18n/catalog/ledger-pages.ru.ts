import type { ledgerPagesEn } from './ledger-pages.en.js';

/** Русские слова страниц бухгалтера: журнал платежей (/payments) и кассовая книга (/reports/cashbook). */
export const ledgerPagesRu: Record<keyof typeof ledgerPagesEn, string> = {
  "nav.money": "Платежи",
  "ledgerPage.title": "Журнал платежей",
  "ledgerPage.own": "Показаны платежи по вашим броням.",
  "ledgerPage.filter": "Отбор",
  "ledgerPage.from": "Дата с",
  "ledgerPage.to": "Дата по",
  "ledgerPage.allMethods": "Все способы",
  "ledgerPage.allKinds": "Все виды",
  "ledgerPage.allTrips": "Все поездки",
  "ledgerPage.thisMonth": "Текущий месяц",
  "ledgerPage.totals": "Итоги по отбору",
  "ledgerPage.rows": "Оплаты, возвраты и сторно",
  "ledgerPage.none": "По этому отбору платежей нет.",
  "ledgerPage.next": "Следующая страница",
  "ledgerPage.first": "К началу списка",
  "ledgerPage.csv": "Скачать CSV",
  "ledgerPage.xlsx": "Скачать Excel (XLSX)",
  "ledgerPage.cancels": "Сторно квитанции № {number}",
  "ledgerPage.reference": "Операция № {reference}",
  "ledgerPage.badDate": "Введите существующую дату",
  "cashbookPage.intro": "По дням ({zone}) и способам оплаты: приход, расход и итог — для сверки с кассой и банковской выпиской.",
  "cashbookPage.byDay": "По дням",
  "cashbookPage.none": "За этот период движения денег не было.",
};
