/**
 * The client base the demo agency is bringing over from its old spreadsheet: one file
 * already imported, and one checked and waiting, with a phone nobody can dial, a client
 * twice and two who are on file already, so the preview shows each outcome.
 */
import { sql } from 'drizzle-orm';
import { contacts } from '../db/schema/index.js';
import type { ActingCtx } from '../domain/context.js';
import { applyImport, dryRun, readImportFile, saveUpload } from '../domain/imports/index.js';

const HEADER = 'Име;Телефон;Имейл;Етикети;Дата на раждане;Бележки;Съгласие';

const OLD_CLIENTS = [
  'Стоянка Маринова;0887 410 201;stoyanka.m@example.com;море;12.04.1961;Пътува със съпруга си;да',
  'Пламен Колев;0887 410 202;;планина;;;не',
  'Веселина Тодорова;0887 410 203;vesi.t@example.com;море, семейство;03.09.1979;Две деца;да',
  'Красимир Ненов;0887 410 204;k.nenov@example.com;;;;да',
  'Цветелина Иванова;0887 410 205;;;21.11.1990;;не',
];

const WAITING = [
  'Андрей Соколов;+7 916 555 0101;a.sokolov@example.com;vip;05.02.1970;Любит места у окна;да',
  'Росица Петкова;0887 410 206;rosi.p@example.com;;;;да',
  'Борислав Шишков;088 74 10 207;;планина;;;не',
  'Гергана Ангелова;0887 410 208;gergana@example.com;море;30.06.1985;;да',
  'Росица Петкова;+359887410206;;семейство;;Ще пътува с дъщеря си;',
  'Явор Христов;088x 410 не помни;yavor@example.com;;;;да',
  'Милена Стефанова;0887 410 210;milena.s@example.com;;;;не',
];

const csv = (rows: string[]) => new TextEncoder().encode(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`);

/**
 * `earlier` imported the old file days ago; `manager` checked the new one and has not imported
 * it yet. The clients on file it finds again are the demo's own (from `firstContactId` on).
 */
export async function seedImports(earlier: ActingCtx, manager: ActingCtx, firstContactId: number) {
  const first = await readImportFile(earlier, csv(OLD_CLIENTS));
  await applyImport(earlier, first.file, { fileName: 'стари-клиенти-2025.csv', source: 'desk', managerId: earlier.actor.id });

  // Two clients of the desk appear in the old file again, their phones written the old way.
  const known = await manager.db
    .select({ name: contacts.name, phone: contacts.phone, email: contacts.email })
    .from(contacts)
    .where(sql`${contacts.id} >= ${firstContactId} AND ${contacts.phone} LIKE '+35988%'`)
    .orderBy(contacts.id)
    .limit(2)
    .all();
  const again = known.map((c) => `${c.name};0${c.phone!.slice(4, 6)} ${c.phone!.slice(6)};;от старата система;;;`);
  const bytes = csv([...WAITING, ...again]);
  const waiting = await readImportFile(manager, bytes);
  await saveUpload(manager, { fileName: 'клиенти-от-excel.csv', bytes, plan: await dryRun(manager, waiting.file), managerId: manager.actor.id });
}
