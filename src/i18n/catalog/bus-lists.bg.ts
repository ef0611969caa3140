import type { busListsEn } from './bus-lists.en.js';

/** Българските думи на списъците по автобуси: списъкът на пътниците, списъкът и страницата за качване, автобусите в „Моят ден“. */
export const busListsBg: Record<keyof typeof busListsEn, string> = {
  "busLists.bus": "Автобус {label}",
  "busLists.column": "Автобус",
  "busLists.extras": "Допълнителни услуги",
  "busLists.buses": "Автобуси",
  "busLists.extrasLine": "Допълнително: {list}",
  "busLists.bookingExtrasLine": "За цялата резервация: {list}",
  "busLists.busCounts": "качени {boarded} от {booked} · {expected, plural, one {очаква се #} other {очакват се #}}",
  "busLists.otherBus": "Ваучер {ref} е от друг автобус: {bus}.",
  "busLists.openBus": "Отвори списъка: {bus}",
};
