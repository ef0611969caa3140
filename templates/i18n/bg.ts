import type { MessageKey } from './en.js';

export const bg: Record<MessageKey, string> = {
  'reason.new_booking': 'Нова резервация: никой не е поел работата',
  'reason.documents_not_sent': 'Документите още не са изпратени',
  'reason.documents_not_back': 'Документите са изпратени на {sentAt}, още не са върнати',
  'reason.deposit_missing': 'Капаро {due} не е платено (платено {paid})',
  'reason.balance_due': 'Остатък за събиране: {balance}',
  'reason.voucher_due': 'Платено изцяло: изпратете ваучера',
  'reason.not_notified': 'Тръгва {departsAt}: пътниците още не са уведомени',
  'reason.planned_contact': 'Планиран контакт: {summary}',
  'reason.planned_contact_plain': 'Планиран контакт',

  'list.new': 'Нови',
  'list.documents-missing': 'Липсват документи',
  'list.deposit-missing': 'Липсва капаро',
  'list.balance-due': 'Остатък за плащане',
  'list.voucher-due': 'За ваучер',
  'list.notify-due': 'Неуведомени',
  'list.first-offer-overdue': 'Закъсняла първа оферта',
  'list.offer-expiring': 'Изтичаща оферта',
  'list.contacts-due': 'Планирани контакти',

  'status.new': 'Нова',
  'status.documents_sent': 'Документи изпратени',
  'status.documents_received': 'Документи получени',
  'status.deposit_paid': 'Капаро платено',
  'status.fully_paid': 'Платено изцяло',
  'status.voucher_sent': 'Ваучер изпратен',
  'status.notified': 'Уведомени',
  'status.cancelled': 'Анулирана',
};
