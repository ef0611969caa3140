import type { MessageKey } from './en.js';

export const ru: Record<MessageKey, string> = {
  'reason.new_booking': 'Новая заявка: ещё никто не взял в работу',
  'reason.documents_not_sent': 'Документы ещё не отправлены',
  'reason.documents_not_back': 'Документы отправлены {sentAt}, ещё не вернулись',
  'reason.deposit_missing': 'Предоплата {due} не внесена (оплачено {paid})',
  'reason.balance_due': 'Остаток к оплате: {balance}',
  'reason.voucher_due': 'Оплачено полностью: отправьте ваучер',
  'reason.not_notified': 'Выезд {departsAt}: туристы ещё не оповещены',
  'reason.planned_contact': 'Запланированный контакт: {summary}',
  'reason.planned_contact_plain': 'Запланированный контакт',

  'list.new': 'Новые',
  'list.documents-missing': 'Нет документов',
  'list.deposit-missing': 'Нет предоплаты',
  'list.balance-due': 'Остаток к оплате',
  'list.voucher-due': 'Нужен ваучер',
  'list.notify-due': 'Не оповещены',
  'list.first-offer-overdue': 'Просрочено первое предложение',
  'list.offer-expiring': 'Предложение истекает',
  'list.contacts-due': 'Запланированные контакты',

  'status.new': 'Новая',
  'status.documents_sent': 'Документы отправлены',
  'status.documents_received': 'Документы получены',
  'status.deposit_paid': 'Предоплата внесена',
  'status.fully_paid': 'Оплачено полностью',
  'status.voucher_sent': 'Ваучер отправлен',
  'status.notified': 'Оповещены',
  'status.cancelled': 'Аннулирована',
};
