import type { MailMessage, Mailer } from '../../src/mail/mailer.js';

/** A mailer that keeps what it is given; `refuse` makes the mail server say no. */
export function memoryMailer() {
  const sent: MailMessage[] = [];
  const state = { refuse: false };
  const mailer: Mailer & { sent: MailMessage[]; state: typeof state } = {
    describe: 'memory',
    sent,
    state,
    send: async (message) => {
      if (state.refuse) throw new Error('450 mailbox unavailable');
      sent.push(message);
      return { messageId: `<${message.key ?? sent.length}@memory>` };
    },
    close: () => {},
  };
  return mailer;
}
