/** English words of the booking confirmation and the booking-page link in mails and short texts; merged into the catalogue. */
export const onlineMailEn = {
  'notification.booking_confirmation': 'Booking confirmation',
  'mail.booking.subject': 'Your booking: {trip}, {date}',
  'mail.booking.body': 'Thank you: your booking for {trip} is made. Here are its details.',
  'mail.booking.page': "{pay, select, yes {On your booking page you can pay online, add your travellers' passport details and download your voucher once it is ready.} other {On your booking page you can add your travellers' passport details and download your voucher once it is ready.}}",
  'mail.booking.seats': 'Booked: {seats, plural, one {# seat} other {# seats}}',
  'mail.booking.price': 'Price: {amount}',
  'mail.booking.paid': 'Paid: {amount}',
  'mail.booking.deposit': 'Deposit to pay: {amount} by {date}',
  'mail.booking.rest': 'Then the rest: {amount} by {date}',
  'mail.booking.balance': 'Balance to pay: {amount} by {date}',
  'mail.booking.paidInFull': 'Paid in full: thank you!',
  'mail.manage.action': 'See and manage your booking',
  'mail.manage.pay': 'Pay online or see your booking',
  'sms.booking': '{agency}: booking {reference} made: {trip}, {date}.',
  'sms.link.booking': 'See and manage your booking: {link}',
  'sms.link.payment': 'Pay online or see your booking: {link}',
} as const;
