import type { deskDetailsEn } from './desk-details.en.js';

/** Small desk details: payment forms, the waiting list from the roster, document stages, the inquiry board. */
export const deskDetailsBg: Record<keyof typeof deskDetailsEn, string> = {
  "deskDetails.amountIn": "Сума, {currency}",
  "deskDetails.dueNow.deposit": "Дължимо сега: капаро, {amount}",
  "deskDetails.dueNow.balance": "Дължимо сега: остатък, {amount}",
  "deskDetails.dueNow.refund": "За връщане: {amount}",
  "deskDetails.theClient": "клиентът",
  "deskDetails.newClientFull": "Автобусът е пълен: картата на новия клиент се създава, а той влиза в списъка на чакащи и получава първите освободени места.",
  "done.newClientWaitlisted": "Картата на клиента е създадена и той е в списъка на чакащи.",
  "deskDetails.timeZone": "Часова зона на екскурзията",
  "deskDetails.zonesUsual": "Зоните на агенциите",
  "deskDetails.zonesAll": "Всички зони",
  "deskDetails.currenciesUsual": "Обичайни валути",
  "deskDetails.currenciesOther": "Други валути",
  "deskDetails.stage.advertising": "реклама",
  "deskDetails.stage.collecting": "събиране на заявки",
  "deskDetails.stage.documents": "документи",
  "deskDetails.stage.deposits": "капаро",
  "deskDetails.stage.payment": "плащане",
  "deskDetails.stage.vouchers": "ваучер",
  "deskDetails.stage.reminder": "напомняне за време и място на тръгване",
  "deskDetails.call": "Обаждане: {name}",
};
