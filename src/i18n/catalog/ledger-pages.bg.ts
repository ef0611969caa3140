import type { ledgerPagesEn } from './ledger-pages.en.js';

/** Българските думи на страниците за счетоводителя: дневник на плащанията (/payments) и касова книга (/reports/cashbook). */
export const ledgerPagesBg: Record<keyof typeof ledgerPagesEn, string> = {
  "nav.money": "Плащания",
  "ledgerPage.title": "Дневник на плащанията",
  "ledgerPage.own": "Показани са плащанията по вашите резервации.",
  "ledgerPage.filter": "Филтър",
  "ledgerPage.from": "От дата",
  "ledgerPage.to": "До дата",
  "ledgerPage.allMethods": "Всички начини",
  "ledgerPage.allKinds": "Всички видове",
  "ledgerPage.allTrips": "Всички пътувания",
  "ledgerPage.thisMonth": "Текущият месец",
  "ledgerPage.totals": "Общо за избраното",
  "ledgerPage.rows": "Плащания, връщания и сторно",
  "ledgerPage.none": "Няма плащания, връщания или сторно по този филтър.",
  "ledgerPage.next": "Следваща страница",
  "ledgerPage.first": "Към началото",
  "ledgerPage.csv": "Изтегли CSV",
  "ledgerPage.xlsx": "Изтегли Excel (XLSX)",
  "ledgerPage.cancels": "Сторно на квитанция № {number}",
  "ledgerPage.reference": "Операция № {reference}",
  "ledgerPage.badDate": "Въведете съществуваща дата",
  "cashbookPage.intro": "По дни ({zone}) и начини на плащане: приход, разход и нето — за сверка с касата и банковото извлечение.",
  "cashbookPage.byDay": "По дни",
  "cashbookPage.none": "През този период няма движение на пари.",
};
