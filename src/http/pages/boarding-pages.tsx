/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { BoardingInput, boardingList, markBoarding } from '../../domain/boarding/index.js';
import { dealIdOfReference, dealReference, getDealRow } from '../../domain/deals/index.js';
import { getDeparture } from '../../domain/departures/departures.js';
import { notFound } from '../../domain/errors.js';
import { BoardingPage } from '../../../templates/boarding.js';
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { formAction } from './form-action.js';
import { frameOf, localPath } from './frame.js';
import { positiveId } from './forms.js';

/** The bus door: the boarding list of a departure and the one-tap marks. */
export function boardingPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/departures/:id/boarding', (c) => {
    const ctx = actingCtxOf(c, deps);
    const departureId = idParam(c, 'id', 'departure');
    const q = (c.req.query('q') ?? '').trim();
    return c.html(<BoardingPage {...frameOf(c, deps, 'departures')} departure={getDeparture(ctx, departureId)} stops={boardingList(ctx, departureId, q).stops} q={q} />);
  });

  /** The voucher's QR code: the booking's travellers at the door, ready to mark. */
  app.get('/v/:reference', (c) => {
    const ctx = actingCtxOf(c, deps);
    const reference = c.req.param('reference');
    const dealId = dealIdOfReference(ctx, reference);
    if (dealId === null) throw notFound('voucher', reference);
    const deal = getDealRow(ctx, dealId);
    return c.redirect(`/departures/${deal.departureId}/boarding?q=${encodeURIComponent(dealReference(ctx, dealId))}`, 303);
  });

  app.post(
    '/deals/:id/boarding',
    formAction(deps, {
      run: (ctx, form, c) => {
        const travellerId = positiveId(form.travellerId);
        const input = parseWith(BoardingInput, { state: form.state, ...(travellerId ? { travellerIds: [travellerId] } : {}) });
        return write(deps, () => markBoarding(ctx, idParam(c, 'id', 'deal'), input));
      },
      done: (_, form, c) => ({ to: localPath(form.back, `/deals/${idParam(c, 'id', 'deal')}`), code: `boarding_${form.state === 'boarded' ? 'boarded' : form.state === 'no_show' ? 'no_show' : 'expected'}` }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  return app;
}
