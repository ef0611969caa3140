/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { CsrfField, Layout, type PageFrame } from './layout.js';

export interface VoucherSendProps extends PageFrame {
  departure: { id: number; title: string; departsAt: number };
  recipients: { dealId: number; contactId: number; name: string; email: string | null; seats: number }[];
}

/** Before the departure's vouchers go out: how many, to whom, and who has no address. */
export function VoucherSendPage(props: VoucherSendProps) {
  const { tr, departure: d, recipients } = props;
  const withAddress = recipients.filter((r) => r.email).length;
  const title = tr.t('vouchers.title', { title: d.title });
  return (
    <Layout {...props} title={title} current="departures">
      <h1>{title}</h1>
      <p class="muted">{tr.dateTime(d.departsAt)}</p>
      {recipients.length === 0 ? (
        <p class="card muted">{tr.t('vouchers.none')}</p>
      ) : (
        <form method="post" action={`/departures/${d.id}/vouchers`} class="card fields">
          <CsrfField csrf={props.csrf} />
          <p>
            <strong>{tr.t('vouchers.count', { n: withAddress })}</strong>
          </p>
          <ul class="recipients">
            {recipients.map((r) => (
              <li data-deal={String(r.dealId)}>
                <a href={`/deals/${r.dealId}`}>{r.name}</a> · {r.email ?? <span class="warning">{tr.t('vouchers.noAddress')}</span>}
              </li>
            ))}
          </ul>
          <div class="field">
            <button>{tr.t('vouchers.confirm', { n: withAddress })}</button>
          </div>
          <div class="field">
            <a class="button secondary" href={`/departures/${d.id}`}>
              {tr.t('departureForm.toRoster')}
            </a>
          </div>
        </form>
      )}
    </Layout>
  );
}
