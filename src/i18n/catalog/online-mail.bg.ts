import type { onlineMailEn } from './online-mail.en.js';

export const onlineMailBg: Record<keyof typeof onlineMailEn, string> = {
  'notification.booking_confirmation': 'Потвърждение на резервация',
  'mail.booking.subject': 'Вашата резервация: „{trip}“, {date}',
  'mail.booking.body': 'Благодарим ви! Резервацията ви за „{trip}“ е направена. Подробностите са по-долу.',
  'mail.booking.page': '{pay, select, yes {На страницата на резервацията можете да платите онлайн, да добавите паспортните данни на пътуващите и да изтеглите ваучера, когато е готов.} other {На страницата на резервацията можете да добавите паспортните данни на пътуващите и да изтеглите ваучера, когато е готов.}}',
  'mail.booking.seats': '{seats, plural, one {Резервирано: # място} other {Резервирани: # места}}',
  'mail.booking.price': 'Цена: {amount}',
  'mail.booking.paid': 'Платено: {amount}',
  'mail.booking.deposit': 'Капаро: {amount} до {date}',
  'mail.booking.rest': 'След това остатък: {amount} до {date}',
  'mail.booking.balance': 'Остатък за плащане: {amount} до {date}',
  'mail.booking.paidInFull': 'Платено изцяло, благодарим ви!',
  'mail.manage.action': 'Вижте и управлявайте резервацията си',
  'mail.manage.pay': 'Платете онлайн или вижте резервацията си',
  'sms.booking': '{agency}: резервация {reference}: {trip}, {date}.',
  'sms.link.booking': 'Вашата резервация: {link}',
  'sms.link.payment': 'Плащане и резервация: {link}',
};
