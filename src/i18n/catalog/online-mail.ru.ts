import type { onlineMailEn } from './online-mail.en.js';

export const onlineMailRu: Record<keyof typeof onlineMailEn, string> = {
  'notification.booking_confirmation': 'Подтверждение бронирования',
  'mail.booking.subject': 'Ваше бронирование: «{trip}», {date}',
  'mail.booking.body': 'Спасибо! Ваше бронирование поездки «{trip}» оформлено. Все подробности — ниже.',
  'mail.booking.page': '{pay, select, yes {На странице бронирования можно оплатить поездку онлайн, внести паспортные данные туристов и скачать ваучер, когда он будет готов.} other {На странице бронирования можно внести паспортные данные туристов и скачать ваучер, когда он будет готов.}}',
  'mail.booking.seats': 'Забронировано: {seats, plural, one {# место} few {# места} many {# мест} other {# места}}',
  'mail.booking.price': 'Стоимость: {amount}',
  'mail.booking.paid': 'Оплачено: {amount}',
  'mail.booking.deposit': 'Предоплата: {amount} до {date}',
  'mail.booking.rest': 'Затем остаток: {amount} до {date}',
  'mail.booking.balance': 'Остаток к оплате: {amount} до {date}',
  'mail.booking.paidInFull': 'Оплачено полностью, спасибо!',
  'mail.manage.action': 'Открыть бронирование',
  'mail.manage.pay': 'Оплатить онлайн или открыть бронирование',
  'sms.booking': '{agency}: бронирование {reference}: {trip}, {date}.',
  'sms.link.booking': 'Ваше бронирование: {link}',
  'sms.link.payment': 'Оплата и бронирование: {link}',
};
