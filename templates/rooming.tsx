/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { LOCALES } from '../src/domain/context.js';
import { nightsOf, ROOM_CAPACITY, ROOM_TYPES, type Room, type RoomedTraveller, type Rooming } from '../src/domain/rooming/index.js';
import { roomTotals, roomTypeWord, stayDates } from '../src/i18n/rooming-words.js';
import { CsrfField, Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

/** The trip as the page shows it. */
export interface RoomingTripView {
  id: number;
  title: string;
  departsAt: number;
  returnsAt: number | null;
  timeZone: string;
}

export interface RoomingPageProps extends PageFrame {
  departure: RoomingTripView;
  rooming: Rooming;
  /** A form refused: which one (`add`, `suggest`, `room-<id>`, `move-<travellerId>`), why, and what was chosen in it. */
  failed?: { form: string; message: string; values: Record<string, string> } | undefined;
}

const LANGUAGE_NAMES = { en: 'English', ru: 'Русский', bg: 'Български' } as const;

/** The departure page's way here: shown for a trip with nights. */
export function RoomingLink({ tr, departure }: { tr: Tr; departure: { id: number; departsAt: number; returnsAt: number | null; timeZone: string } }) {
  return nightsOf(departure) > 0 ? (
    <a class="button small secondary" href={`/departures/${departure.id}/rooming`}>
      {tr.t('rooming.link')}
    </a>
  ) : null;
}

/** Travellers of a list, booking by booking, in the list's order. */
function byBooking(travellers: RoomedTraveller[]): { dealId: number; clientName: string; travellers: RoomedTraveller[] }[] {
  const groups = new Map<number, { dealId: number; clientName: string; travellers: RoomedTraveller[] }>();
  for (const traveller of travellers) {
    const group = groups.get(traveller.dealId) ?? { dealId: traveller.dealId, clientName: traveller.clientName, travellers: [] };
    group.travellers.push(traveller);
    groups.set(traveller.dealId, group);
  }
  return [...groups.values()];
}

const Single = ({ tr, traveller }: { tr: Tr; traveller: RoomedTraveller }) =>
  traveller.singleSupplement ? (
    <>
      {' '}
      <span class="badge today">{tr.t('rooming.singleSupplement')}</span>
    </>
  ) : null;

function TypeSelect(props: { tr: Tr; id: string; selected?: string | undefined }) {
  return (
    <select id={props.id} name="type">
      {ROOM_TYPES.map((type) => (
        <option value={type} selected={type === props.selected}>
          {roomTypeWord(props.tr.locale, type, 'short')}
        </option>
      ))}
    </select>
  );
}

/** Where a traveller sleeps: every room by number, or none; a form of its own, no script needed. */
function MoveForm(props: { tr: Tr; csrf: string; base: string; traveller: RoomedTraveller; rooms: Room[]; current: number | null }) {
  const { tr, traveller } = props;
  const id = `move-${traveller.id}`;
  return (
    <form method="post" action={`${props.base}/move`} class="inline" data-move={String(traveller.id)}>
      <CsrfField csrf={props.csrf} once={false} />
      <input type="hidden" name="travellerId" value={String(traveller.id)} />
      <label class="sr" for={id}>
        {tr.t('rooming.moveTo', { name: traveller.name })}
      </label>
      <select id={id} name="roomId">
        <option value="" selected={props.current === null}>
          {tr.t('rooming.noRoom')}
        </option>
        {props.rooms.map((room, i) => (
          <option value={String(room.id)} selected={room.id === props.current}>
            {tr.t('rooming.roomOption', { n: i + 1, type: roomTypeWord(tr.locale, room.type, 'short') })}
          </option>
        ))}
      </select>
      <button class="small secondary">{tr.t('rooming.move')}</button>
    </form>
  );
}

const FormError = ({ failed, form }: { failed: RoomingPageProps['failed']; form: string }) =>
  failed?.form === form ? (
    <p class="error" role="alert">
      {failed.message}
    </p>
  ) : null;

/**
 * The rooming list of one trip: its rooms as cards, who has no room yet by booking, the
 * suggestion to apply, and a form for each change (add a room, change its type, remove it,
 * move a traveller), each a plain form. The hotel's list downloads in the hotel's language.
 */
export function RoomingPage(props: RoomingPageProps) {
  const { tr, departure: d, rooming, failed } = props;
  const base = `/departures/${d.id}/rooming`;
  const title = tr.t('rooming.title', { title: d.title });
  const totals = roomTotals(tr.locale, rooming.rooms);
  const unroomed = byBooking(rooming.unroomed);
  const nameOf = new Map(rooming.unroomed.map((t) => [t.id, t.name]));
  const chosen = (id: number) => failed?.form === 'add' && failed.values[`t${id}`] === '1';
  return (
    <Layout {...props} title={title} current="departures">
      <h1 class="wrap">{title}</h1>
      <p class="muted">
        {stayDates(tr.locale, d)} · <a href={`/departures/${d.id}`}>{tr.t('boarding.toRoster')}</a>
      </p>
      {rooming.nights === 0 && <p class="card warning">{tr.t('rooming.noNights')}</p>}

      <form method="get" action={`${base}.xlsx`} class="card inline" data-downloads>
        <strong>{tr.t('rooming.forHotel')}</strong>
        <label for="rooming-lang">{tr.t('rooming.language')}</label>
        <select id="rooming-lang" name="lang">
          {LOCALES.map((locale) => (
            <option value={locale} selected={locale === tr.locale}>
              {LANGUAGE_NAMES[locale]}
            </option>
          ))}
        </select>
        <button class="small secondary">{tr.t('rooming.xlsx')}</button>
        <button class="small secondary" formaction={`${base}.pdf`}>
          {tr.t('rooming.pdf')}
        </button>
      </form>

      {rooming.suggestion.rooms.length > 0 && (
        <section class="card" data-suggestion>
          <h2>{tr.t('rooming.suggestion')}</h2>
          <p class="small muted">{tr.t('rooming.suggestionHint')}</p>
          <ul class="plain">
            {rooming.suggestion.rooms.map((room) => (
              <li>
                <strong>{roomTypeWord(tr.locale, room.type, 'short')}</strong>: {room.travellerIds.map((id) => nameOf.get(id) ?? `#${id}`).join(', ')}
              </li>
            ))}
          </ul>
          <form method="post" action={`${base}/suggest`} class="inline">
            <CsrfField csrf={props.csrf} once={false} />
            <button>{tr.t('rooming.apply')}</button>
          </form>
          <FormError failed={failed} form="suggest" />
        </section>
      )}

      <h2>
        {tr.t('rooming.rooms')} <span class="badge">{rooming.rooms.length}</span>
      </h2>
      {rooming.rooms.length === 0 ? (
        <p class="muted">{tr.t('rooming.noRooms')}</p>
      ) : (
        <>
          <p class="small muted" data-totals>
            {[totals.total, totals.byType].filter(Boolean).join(' · ')}
          </p>
          <ul class="trips plain" data-rooms>
            {rooming.rooms.map((room, i) => (
              <RoomCard {...props} base={base} room={room} number={i + 1} />
            ))}
          </ul>
        </>
      )}

      <h2>
        {tr.t('rooming.unroomed')} <span class="badge">{rooming.unroomed.length}</span>
      </h2>
      {rooming.unroomed.length === 0 ? (
        <p class="muted">{tr.t(rooming.rooms.length ? 'rooming.everyoneRoomed' : 'rooming.nobody')}</p>
      ) : (
        <div class="trips" data-unroomed>
          {unroomed.map((booking) => (
            <div class="card" data-deal={String(booking.dealId)}>
              <strong>
                <a href={`/deals/${booking.dealId}`}>{booking.clientName}</a>
              </strong>
              <ul class="rows">
                {booking.travellers.map((traveller) => (
                  <li data-traveller={String(traveller.id)}>
                    {traveller.name}
                    <Single tr={tr} traveller={traveller} />
                    {rooming.rooms.length > 0 && <MoveForm tr={tr} csrf={props.csrf} base={base} traveller={traveller} rooms={rooming.rooms} current={null} />}
                    <FormError failed={failed} form={`move-${traveller.id}`} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}

      <h2 id="add">{tr.t('rooming.add')}</h2>
      {rooming.unroomed.length === 0 ? (
        <p class="muted">{tr.t('rooming.nobodyToAdd')}</p>
      ) : (
        <form method="post" action={`${base}/rooms`} class="card" data-add>
          <CsrfField csrf={props.csrf} once={false} />
          <div class="field">
            <label for="add-type">{tr.t('rooming.type')}</label>
            <TypeSelect tr={tr} id="add-type" selected={failed?.form === 'add' ? failed.values.type : undefined} />
          </div>
          <fieldset class="segment">
            <legend>{tr.t('rooming.who')}</legend>
            {unroomed.map((booking) => (
              <div class="field">
                <span class="label">{booking.clientName}</span>
                <div class="checks">
                  {booking.travellers.map((traveller) => (
                    <label>
                      <input type="checkbox" name={`t${traveller.id}`} value="1" checked={chosen(traveller.id)} />
                      {traveller.name}
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </fieldset>
          <FormError failed={failed} form="add" />
          <button>{tr.t('rooming.addButton')}</button>
        </form>
      )}
    </Layout>
  );
}

function RoomCard(props: RoomingPageProps & { base: string; room: Room; number: number }) {
  const { tr, room, base, failed } = props;
  const form = `room-${room.id}`;
  return (
    <li class="card" id={`room-${room.id}`} data-room={String(room.id)} data-type={room.type}>
      <h3>
        {tr.t('rooming.room', { n: props.number })} · {roomTypeWord(tr.locale, room.type, 'short')}
      </h3>
      <p class="small muted">{tr.t('rooming.places', { n: room.travellers.length, max: ROOM_CAPACITY[room.type] })}</p>
      <ul class="rows">
        {room.travellers.map((traveller) => (
          <li data-traveller={String(traveller.id)}>
            {traveller.name}
            <Single tr={tr} traveller={traveller} />
            <MoveForm tr={tr} csrf={props.csrf} base={base} traveller={traveller} rooms={props.rooming.rooms} current={room.id} />
            <FormError failed={failed} form={`move-${traveller.id}`} />
          </li>
        ))}
      </ul>
      <div class="actions">
        <details open={failed?.form === form}>
          <summary>{tr.t('rooming.editRoom')}</summary>
          <form method="post" action={`${base}/rooms/${room.id}/type`} class="inline">
            <CsrfField csrf={props.csrf} once={false} />
            <label for={`type-${room.id}`}>{tr.t('rooming.type')}</label>
            <TypeSelect tr={tr} id={`type-${room.id}`} selected={failed?.form === form ? failed.values.type : room.type} />
            <button class="small secondary">{tr.t('rooming.changeType')}</button>
          </form>
          <form method="post" action={`${base}/rooms/${room.id}/remove`} class="inline">
            <CsrfField csrf={props.csrf} once={false} />
            <button class="small danger">{tr.t('rooming.remove')}</button>
          </form>
        </details>
      </div>
      <FormError failed={failed} form={form} />
    </li>
  );
}
