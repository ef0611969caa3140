import type { busListsEn } from './bus-lists.en.js';

/** Русские слова списков по автобусам: посадочная ведомость, посадочный лист и страница посадки, автобусы в «Моём дне». */
export const busListsRu: Record<keyof typeof busListsEn, string> = {
  "busLists.bus": "Автобус {label}",
  "busLists.column": "Автобус",
  "busLists.extras": "Доп. услуги",
  "busLists.buses": "Автобусы",
  "busLists.extrasLine": "Доп. услуги: {list}",
  "busLists.bookingExtrasLine": "На всю бронь: {list}",
  "busLists.busCounts": "село {boarded} из {booked} · ждём {expected}",
  "busLists.otherBus": "Ваучер {ref} — из другого автобуса: {bus}.",
  "busLists.openBus": "Открыть список: {bus}",
};
