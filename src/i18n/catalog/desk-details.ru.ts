import type { deskDetailsEn } from './desk-details.en.js';

/** Small desk details: payment forms, the waiting list from the roster, document stages, the inquiry board. */
export const deskDetailsRu: Record<keyof typeof deskDetailsEn, string> = {
  "deskDetails.amountIn": "Сумма, {currency}",
  "deskDetails.dueNow.deposit": "К оплате сейчас: предоплата, {amount}",
  "deskDetails.dueNow.balance": "К оплате сейчас: остаток, {amount}",
  "deskDetails.dueNow.refund": "К возврату: {amount}",
  "deskDetails.theClient": "клиент",
  "deskDetails.newClientFull": "Автобус полон: карточка нового клиента будет создана, а он сам — записан в лист ожидания, и ему предложат первые освободившиеся места.",
  "done.newClientWaitlisted": "Карточка клиента создана, клиент записан в лист ожидания.",
  "deskDetails.timeZone": "Часовой пояс поездки",
  "deskDetails.zonesUsual": "Пояса агентств",
  "deskDetails.zonesAll": "Все пояса",
  "deskDetails.currenciesUsual": "Обычные валюты",
  "deskDetails.currenciesOther": "Другие валюты",
  "deskDetails.stage.advertising": "реклама",
  "deskDetails.stage.collecting": "сбор заявок",
  "deskDetails.stage.documents": "документы",
  "deskDetails.stage.deposits": "предоплата",
  "deskDetails.stage.payment": "оплата",
  "deskDetails.stage.vouchers": "ваучер",
  "deskDetails.stage.reminder": "напоминание о времени и месте отправления",
  "deskDetails.call": "Позвонить: {name}",
};
