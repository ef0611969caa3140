/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  editRooming,
  readRooming,
  RoomTypeInput,
  withRoomAdded,
  withRoomRemoved,
  withRoomType,
  withSuggestion,
  withTravellerMoved,
  type RoomPlan,
  type Rooming,
} from '../../domain/rooming/index.js';
import { RoomingPage } from '../../../templates/rooming.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { formAction, type Refusal } from './form-action.js';
import { positiveId, type FormValues } from './forms.js';
import { frameOf } from './frame.js';

const TypeForm = z.object({ type: RoomTypeInput });

/** Who moves, and into which room ('' for none). */
const MoveForm = z.object({
  travellerId: z.string().transform((value, issues) => positiveId(value) ?? (issues.addIssue({ code: 'custom', message: 'must be an id (a positive whole number)' }), z.NEVER)),
  roomId: z
    .string()
    .optional()
    .transform((value, issues) => (value ? (positiveId(value) ?? (issues.addIssue({ code: 'custom', message: 'is not a room of this departure' }), z.NEVER)) : null)),
});

/** The travellers ticked in the form: a checkbox `t<id>` each (a form keeps one value per name). */
const tickedTravellers = (form: FormValues) => Object.keys(form).flatMap((key) => (form[key] === '1' ? (positiveId(/^t(\d+)$/.exec(key)?.[1]) ?? []) : []));

/** What a form changes: the list's rooms before to after, with the list as it reads. */
type Change = (form: FormValues, c: Context<AppEnv>) => (rooms: RoomPlan[], rooming: Rooming) => RoomPlan[];

/** The rooming list's page: every change a form of its own, saved whole through the list's checks. */
export function roomingPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(c: Context<AppEnv>, failed?: { form: string; refusal: Refusal }) {
    const ctx = actingCtxOf(c, deps);
    const { departure, rooming } = await readRooming(ctx, idParam(c, 'id', 'departure'));
    return c.html(
      <RoomingPage
        {...frameOf(c, deps, 'departures')}
        departure={departure}
        rooming={rooming}
        failed={failed && { form: failed.form, message: Object.values(failed.refusal.errors).join(' '), values: failed.refusal.values }}
      />,
      failed ? failed.refusal.status : 200,
    );
  }

  app.get('/departures/:id/rooming', async (c) => await render(c));

  /**
   * A form that edits the list (`form` names it on the page, for its refusal): back to the
   * page with the done code (and, when `counted`, the number of rooms the change added), or
   * to the page with the refusal beside the form.
   */
  const edit = (code: string, form: (values: FormValues, c: Context<AppEnv>) => string, change: Change, counted = false) =>
    formAction(deps, {
      run: async (ctx, values, c) => {
        const departureId = idParam(c, 'id', 'departure');
        const apply = change(values, c);
        let before = 0;
        const rooming = await editRooming(ctx, departureId, (rooms, current) => {
          before = rooms.length;
          return apply(rooms, current);
        });
        return { departureId, added: Math.max(0, rooming.rooms.length - before) };
      },
      done: ({ departureId, added }) => ({ to: `/departures/${departureId}/rooming`, code, ...(counted ? { extra: { count: String(added) } } : {}) }),
      refused: async (c, refusal) => await render(c, { form: form(refusal.values, c), refusal }),
    });
  const roomId = (c: Context<AppEnv>) => idParam(c, 'roomId', 'room');

  app.post('/departures/:id/rooming/suggest', edit('roomsSuggested', () => 'suggest', () => withSuggestion, true));

  app.post(
    '/departures/:id/rooming/rooms',
    edit(
      'roomAdded',
      () => 'add',
      (form) => {
        const { type } = parseWith(TypeForm, form);
        return (rooms) => withRoomAdded(rooms, type, tickedTravellers(form));
      },
    ),
  );

  app.post(
    '/departures/:id/rooming/rooms/:roomId/type',
    edit(
      'roomChanged',
      (_, c) => `room-${roomId(c)}`,
      (form, c) => {
        const { type } = parseWith(TypeForm, form);
        return (rooms) => withRoomType(rooms, roomId(c), type);
      },
    ),
  );

  app.post('/departures/:id/rooming/rooms/:roomId/remove', edit('roomRemoved', (_, c) => `room-${roomId(c)}`, (_, c) => (rooms) => withRoomRemoved(rooms, roomId(c))));

  app.post(
    '/departures/:id/rooming/move',
    edit(
      'roomMoved',
      (form) => `move-${form.travellerId ?? ''}`,
      (form) => {
        const { travellerId, roomId: to } = parseWith(MoveForm, form);
        return (rooms) => withTravellerMoved(rooms, travellerId, to);
      },
    ),
  );

  return app;
}
