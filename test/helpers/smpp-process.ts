/**
 * A real SMS centre in its own process: an SMPP 3.4 server (the `smpp` package's own) that
 * takes a bind, answers each submit_sm with a message id, writes what it received as a JSON
 * line to SMPP_LOG (destination, text, data_coding, concatenation header), and about 50 ms
 * later sends a delivery receipt: DELIVRD, or UNDELIV for a destination listed in
 * SMPP_UNDELIVERABLE. A destination in SMPP_REFUSE is refused at submit. `port N` is printed
 * once listening. SMPP_DELAY_MS holds each answer that long (to keep submits in flight).
 */
import { appendFileSync } from 'node:fs';
import smpp, { type PDU } from 'smpp';

const log = process.env.SMPP_LOG!;
const undeliverable = new Set((process.env.SMPP_UNDELIVERABLE ?? '').split(',').filter(Boolean));
const refuse = new Set((process.env.SMPP_REFUSE ?? '').split(',').filter(Boolean));
const delay = Number(process.env.SMPP_DELAY_MS ?? 0);
let serial = 0;

const server = smpp.createServer({}, (session) => {
  session.on('error', () => {});
  session.on('bind_transceiver', (pdu: PDU) => {
    const ok = pdu.system_id === (process.env.SMPP_SYSTEM_ID ?? 'tourdesk') && pdu.password === (process.env.SMPP_PASSWORD ?? 'secret');
    session.send(pdu.response({ command_status: ok ? 0 : 0x0e }));
  });
  session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
  session.on('unbind', (pdu: PDU) => {
    session.send(pdu.response());
    session.close();
  });
  session.on('submit_sm', (pdu: PDU) => {
    const answer = () => {
      const destination = String(pdu.destination_addr);
      if (refuse.has(destination)) return void session.send(pdu.response({ command_status: 0x0b }));
      const id = `m${++serial}`;
      const message = pdu.short_message as { message?: string; udh?: Buffer[] } | string;
      appendFileSync(
        log,
        `${JSON.stringify({
          id,
          source: pdu.source_addr,
          destination,
          dataCoding: pdu.data_coding,
          text: typeof message === 'string' ? message : (message.message ?? ''),
          udh: typeof message === 'string' || !message.udh ? null : message.udh.map((part) => [...part]),
        })}\n`,
      );
      session.send(pdu.response({ message_id: id }));
      if (Number(pdu.registered_delivery) & 1) {
        const stat = undeliverable.has(destination) ? 'UNDELIV' : 'DELIVRD';
        setTimeout(
          () =>
            session.deliver_sm({
              source_addr: destination,
              destination_addr: pdu.source_addr,
              esm_class: 0x04,
              short_message: `id:${id} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2612010900 done date:2612010900 stat:${stat} err:000 text:`,
            }),
          50,
        );
      }
    };
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => console.log(`port ${(server.address() as { port: number }).port}`));
