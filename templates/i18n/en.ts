/** English: the reference table; ru and bg must have every key (checked by a test). */
export const en = {
  'reason.new_booking': 'New booking: nobody has worked on it yet',
  'reason.documents_not_sent': 'Documents not sent yet',
  'reason.documents_not_back': 'Documents sent {sentAt}, not back yet',
  'reason.deposit_missing': 'Deposit {due} not paid (paid {paid})',
  'reason.balance_due': 'Balance {balance} to collect',
  'reason.voucher_due': 'Paid in full: send the voucher',
  'reason.not_notified': 'Leaves {departsAt}: travellers not told yet',
  'reason.planned_contact': 'Planned contact: {summary}',
  'reason.planned_contact_plain': 'Planned contact',

  'list.new': 'New',
  'list.documents-missing': 'Documents missing',
  'list.deposit-missing': 'Deposit missing',
  'list.balance-due': 'Balance due',
  'list.voucher-due': 'Voucher due',
  'list.notify-due': 'Not notified',
  'list.first-offer-overdue': 'First offer overdue',
  'list.offer-expiring': 'Offer expiring',
  'list.contacts-due': 'Contacts due',

  'status.new': 'New',
  'status.documents_sent': 'Documents sent',
  'status.documents_received': 'Documents received',
  'status.deposit_paid': 'Deposit paid',
  'status.fully_paid': 'Fully paid',
  'status.voucher_sent': 'Voucher sent',
  'status.notified': 'Notified',
  'status.cancelled': 'Cancelled',
} as const;

export type MessageKey = keyof typeof en;
