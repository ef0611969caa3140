/**
 * What an import of clients would do, row by row, and doing it. The same person (phone or
 * e-mail, and a name that is theirs) twice in the file is one client; a person already on
 * file is merged into their card, which keeps what it says, gains what it lacks, and keeps a
 * second phone or e-mail of the file in its notes. A phone or e-mail under another person's
 * name, or another birth date, is a conflict for a person to decide. Nothing is written while
 * any row has an error or a conflict, unless the valid rows are imported on their own.
 */
import { readConsistently } from '../../db/transaction.js';
import { forEachInOrder } from '../in-order.js';
import type { CountryCode } from 'libphonenumber-js';
import type { Ctx, TxCtx } from '../context.js';
import { DIRECTOR_TAGS } from '../contacts/changes.js';
import { identityOf, searchTextOf } from '../contacts/identity.js';
import { localeOfCountry } from '../contacts/phone.js';
import type { Columns } from './columns.js';
import { distinctTags, type CandidateContact, type Carried, type RowProblem } from './contact-rows.js';
import { sameName } from './names.js';
import { distinctCarried, englishCarriedNote, givenOf, mergeRows, PROGRESS_EVERY, sameValue, withNote, type CarriedNote, type Conflict, type OnProgress, type Person, type ReadFile } from './read-file.js';

export type { Conflict, ImportPhase, OnProgress, ReadFile, CarriedNote } from './read-file.js';
export { englishCarriedNote } from './read-file.js';

export interface RowOutcome {
  row: number;
  outcome: 'new' | 'merged' | 'error' | 'conflict';
  name: string;
  phone: string | null;
  email: string | null;
  /** Merged into this client on file. */
  contactId?: number;
  contactName?: string;
  /** Merged into the client of an earlier row of this file. */
  intoRow?: number;
}

/** What the import does, before or after it is written. */
export interface ImportPlan {
  columns: Columns['read'];
  rows: number;
  country: CountryCode;
  created: number;
  merged: number;
  errors: RowProblem[];
  warnings: RowProblem[];
  conflicts: Conflict[];
  /** The data rows that are not imported: with an error or a conflict, in file order. */
  rejectedRows: number[];
  /** The file's columns cannot be read (no name, no phone or e-mail): nothing can be imported. */
  unreadable: boolean;
  outcomes: RowOutcome[];
  /** Internal: each person and the client on file they merge into. */
  people: { person: Person; existing: ExistingContact | null }[];
}

/** What a merge reads of a client on file, named as the domain names it. */
const EXISTING_COLUMNS = `id, name, phone, email, tags, notes, birth_date AS birthDate, marketing_opt_in AS marketingOptIn,
  unsubscribed_at AS unsubscribedAt, manager_id AS managerId`;

interface ExistingContact {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  tags: string;
  notes: string | null;
  birthDate: string | null;
  marketingOptIn: number;
  unsubscribedAt: number | null;
  managerId: number | null;
}

/** The plan made person by person (`add`), then put together (`finish`). */
function planner(ctx: Ctx, file: ReadFile, onProgress?: OnProgress) {
  const byPhone = ctx.sqlite.prepare(`SELECT ${EXISTING_COLUMNS} FROM contacts WHERE phone = ?`);
  const byEmail = ctx.sqlite.prepare(`SELECT ${EXISTING_COLUMNS} FROM contacts WHERE email_normalized = ?`);
  const errors = [...file.errors];
  const warnings = [...file.warnings];
  const conflicts = [...file.conflicts];
  const people: ImportPlan['people'] = [];
  const claimedBy = new Map<number, ImportPlan['people'][number]>();
  const inFileConflicts = new Set(file.conflicts.map((c) => c.row));
  const outcomes: RowOutcome[] = file.failed.map((given) => ({ ...given, outcome: inFileConflicts.has(given.row) ? 'conflict' : 'error' }));
  const refuse = (person: Person, field: string, message: string) => {
    for (const row of person.rows) {
      errors.push({ row: row.row, field, message });
      outcomes.push({ ...givenOf(row), outcome: 'error' });
    }
  };
  let checked = 0;
  const add = async (person: Person) => {
    checked += person.rows.length;
    if (checked % PROGRESS_EVERY < person.rows.length) onProgress?.('checking', checked, file.rows);
    const matches: { field: 'phone' | 'email'; value: string; row: CandidateContact; existing: ExistingContact }[] = [];
    for (const row of person.rows) {
      const phoneMatch = row.phone ? (await byPhone.get(row.phone.e164) as ExistingContact | undefined) : undefined;
      const emailMatch = row.email ? (await byEmail.get(row.email.toLowerCase()) as ExistingContact | undefined) : undefined;
      if (phoneMatch) matches.push({ field: 'phone', value: row.phone!.e164, row, existing: phoneMatch });
      if (emailMatch) matches.push({ field: 'email', value: row.email!, row, existing: emailMatch });
    }
    // On file under another person's name: never merged, whichever of the person's rows met it.
    const others = matches.filter((m) => !sameName(m.row.name, m.existing.name));
    const conflict = (made: Omit<Conflict, 'row' | 'name'>) => {
      const seen = new Set<string>();
      for (const row of person.rows) {
        const key = `${row.row}:${made.field}:${made.existingId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        conflicts.push({ row: row.row, name: row.name, ...made });
        outcomes.push({ ...givenOf(row), outcome: 'conflict', contactId: made.existingId!, contactName: made.existingName });
      }
    };
    if (others.length > 0) {
      const m = others[0]!;
      conflict({ field: m.field, existingId: m.existing.id, existingName: m.existing.name, value: m.value, differs: { field: 'name', file: m.row.name, onFile: m.existing.name }, message: `is on file under another name (#${m.existing.id} ${m.existing.name})` });
      return;
    }
    const found = new Map(matches.map((m) => [m.existing.id, m.existing]));
    const [existing = null, other] = found.values();
    if (other) {
      refuse(person, 'phone', `matches two clients on file (#${existing!.id} ${existing!.name} and #${other.id} ${other.name})`);
      return;
    }
    // A birth date does not change: the same name with another one is a namesake sharing a phone (a father and son), or a typo to look at.
    if (existing?.birthDate && person.merged.birthDate && existing.birthDate !== person.merged.birthDate) {
      conflict({ field: 'birthDate', existingId: existing.id, existingName: existing.name, value: person.merged.birthDate, differs: { field: 'birthDate', file: person.merged.birthDate, onFile: existing.birthDate }, message: `differs from the birth date on file (#${existing.id} ${existing.name}, ${existing.birthDate})` });
      return;
    }
    // "Do not contact" keeps a client off every list: only a director sets it, in a file too (in any case).
    person.merged.tags = distinctTags(person.merged.tags, DIRECTOR_TAGS);
    const kept = existing ? (JSON.parse(existing.tags) as string[]) : [];
    const forbidden = ctx.actor && ctx.actor.role !== 'director' ? DIRECTOR_TAGS.filter((tag) => person.merged.tags.includes(tag) && !kept.includes(tag)) : [];
    if (forbidden.length) {
      refuse(person, 'tags', `only a director sets the tag ${forbidden.join(', ')}`);
      return;
    }
    // Two people of the file who are one client on file (one by phone, one by e-mail) are one person.
    const claimed = existing ? claimedBy.get(existing.id) : undefined;
    if (claimed) {
      const rows = [...claimed.person.rows, ...person.rows].sort((a, b) => a.row - b.row);
      const merged = mergeRows(rows);
      claimed.person = { rows, merged: { ...merged, tags: distinctTags(merged.tags, DIRECTOR_TAGS) } };
    } else {
      const entry = { person, existing };
      people.push(entry);
      if (existing) claimedBy.set(existing.id, entry);
    }
    const lead = person.rows[0]!.row;
    person.rows.forEach((row, i) => {
      if (existing) outcomes.push({ ...givenOf(row), outcome: 'merged', contactId: existing.id, contactName: existing.name });
      else outcomes.push(i === 0 ? { ...givenOf(row), outcome: 'new' } : { ...givenOf(row), outcome: 'merged', intoRow: lead });
    });
    if (existing && person.merged.marketingOptIn && !existing.marketingOptIn && existing.unsubscribedAt) {
      warnings.push({ row: lead, field: 'marketingOptIn', message: 'not taken: the client unsubscribed' });
    }
  };

  const finish = (): ImportPlan => {
    // What a card on file keeps in its notes rather than in place of its own phone or e-mail.
    for (const { person, existing } of people) {
      if (!existing) continue;
      const p = person.merged;
      const lead = person.rows[0]!.row;
      if (existing.phone && p.phone && existing.phone !== p.phone.e164) warnings.push({ row: lead, field: 'phone', message: 'kept in the notes: the card has another phone', value: p.phone.e164 });
      if (existing.email && p.email && !sameValue('email', existing.email, p.email)) warnings.push({ row: lead, field: 'email', message: 'kept in the notes: the card has another e-mail', value: p.email });
    }
    onProgress?.('checking', file.rows, file.rows);
    const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
    const unreadable = file.errors.some((e) => e.row === 1);
    return {
      columns: file.columns,
      rows: file.rows,
      country: file.country,
      created: outcomes.filter((o) => o.outcome === 'new').length,
      merged: outcomes.filter((o) => o.outcome === 'merged').length,
      errors: errors.sort(byRow),
      warnings: warnings.sort(byRow),
      conflicts: conflicts.sort(byRow),
      rejectedRows: [...new Set([...errors, ...conflicts].map((p) => p.row).filter((row) => row > 1))].sort((a, b) => a - b),
      unreadable,
      outcomes: outcomes.sort(byRow),
      people,
    };
  };
  return { add, finish };
}

/**
 * The file against the clients on file: each person is new or merges into the one client
 * that has any of their phones or e-mails under their name. A phone or e-mail on file under
 * another person's name, or a different birth date, is a conflict; a person matching two
 * clients is an error (the desk should merge those first). A read: run it inside the write
 * to apply.
 */
export async function planImport(ctx: Ctx, file: ReadFile, onProgress?: OnProgress): Promise<ImportPlan> {
  const plan = planner(ctx, file, onProgress);
  for (const person of file.people) await plan.add(person);
  return plan.finish();
}

/** People planned at a time by a dry run, between which the desk answers other requests. */
const SLICE = 500;

/**
 * The same, for a preview: in slices, each in its own short read, with the desk's other
 * requests answered in between, so checking 100,000 rows never holds the desk for seconds. A
 * client added meanwhile may be seen by some slices only: the import itself plans again in
 * one transaction.
 */
export async function planInSlices(ctx: Ctx, file: ReadFile, onProgress?: OnProgress): Promise<ImportPlan> {
  const plan = planner(ctx, file, onProgress);
  for (let at = 0; at < file.people.length; at += SLICE) {
    await readConsistently(ctx, async () => {
      for (const person of file.people.slice(at, at + SLICE)) await plan.add(person);
    });
    if (at + SLICE < file.people.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return plan.finish();
}

/** Whether the plan may be written: every row stands, or the valid ones are imported on their own. */
export const writable = (plan: ImportPlan, skipInvalid: boolean) =>
  !plan.unreadable && (skipInvalid || (plan.errors.length === 0 && plan.conflicts.length === 0));

export interface WriteOptions {
  managerId: number | null;
  fileName: string;
  carriedNote?: CarriedNote;
}

/**
 * Writes the people of a plan: the new clients, and what each merged client gains (an empty
 * phone, e-mail or birth date filled, tags and notes added, a second phone or e-mail kept in
 * the notes, consent given unless they unsubscribed). Rows with errors or conflicts are not
 * among the people. Run inside the write that planned it, so nothing changed in between.
 * Plain prepared statements: building 50,000 queries through the ORM cost twice the writing.
 */
export async function writeImport(ctx: TxCtx, plan: ImportPlan, options: WriteOptions, onProgress?: OnProgress): Promise<void> {
  if (plan.unreadable) throw new Error('A file whose columns cannot be read is not written');
  const note = (carried: Carried[]) => (carried.length ? (options.carriedNote ?? englishCarriedNote)(options.fileName, carried) : null);
  const insert = ctx.sqlite.prepare(
    `INSERT INTO contacts (name, phone, email, email_normalized, locale, tags, manager_id, notes, birth_date, marketing_opt_in, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = ctx.sqlite.prepare(
    `UPDATE contacts SET phone = ?, email = ?, email_normalized = ?, tags = ?, notes = ?, birth_date = ?, marketing_opt_in = ?, manager_id = ?, search_text = ?, updated_at = ?
     WHERE id = ?`,
  );
  const total = plan.people.length;
  await forEachInOrder(plan.people, async ({ person, existing }, i) => {
    const p = person.merged;
    if (existing) {
      const change = mergedValues(ctx, existing, p, options.managerId, note);
      if (change) await update.run(change.phone, change.email, change.emailNormalized, change.tags, change.notes, change.birthDate, change.marketingOptIn ? 1 : 0, change.managerId, change.searchText, ctx.now, existing.id);
    } else {
      const identity = { phone: p.phone?.e164 ?? null, nationalDigits: p.phone?.nationalDigits ?? null, emailNormalized: p.email?.toLowerCase() ?? null };
      await insert.run(
        p.name,
        identity.phone,
        p.email,
        identity.emailNormalized,
        p.locale ?? localeOfCountry(p.phone?.country) ?? ctx.agency.locale,
        JSON.stringify(p.tags),
        options.managerId,
        withNote(p.notes, note(p.carried)),
        p.birthDate,
        p.marketingOptIn === true ? 1 : 0,
        searchTextOf(p.name, p.email, identity),
        ctx.now,
        ctx.now,
      );
    }
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.('writing', i + 1, total);
  });
  onProgress?.('writing', total, total);
}

/**
 * What a client on file becomes with what the file adds, or null when it adds nothing. The
 * card's own phone, e-mail and birth date stand; a different phone or e-mail of the file is
 * kept in its notes (people have two, and the card keeps one), never dropped.
 */
function mergedValues(ctx: Ctx, existing: ExistingContact, p: CandidateContact, managerId: number | null, note: (carried: Carried[]) => string | null) {
  const tags = JSON.stringify(distinctTags([...(JSON.parse(existing.tags) as string[]), ...p.tags], DIRECTOR_TAGS));
  const lead = p.row;
  const carried = distinctCarried(
    [...(p.phone && existing.phone && p.phone.e164 !== existing.phone ? [{ row: lead, field: 'phone' as const, value: p.phone.e164 }] : []), ...(p.email && existing.email && !sameValue('email', p.email, existing.email) ? [{ row: lead, field: 'email' as const, value: p.email }] : []), ...p.carried],
    { phone: existing.phone ?? p.phone?.e164 ?? null, email: existing.email ?? p.email, notes: existing.notes },
  );
  const notes = withNote(withNote(existing.notes, p.notes), note(carried));
  const phone = existing.phone ?? p.phone?.e164 ?? null;
  const email = existing.email ?? p.email;
  const birthDate = existing.birthDate ?? p.birthDate;
  const marketingOptIn = Boolean(existing.marketingOptIn) || (p.marketingOptIn === true && !existing.unsubscribedAt);
  const manager = existing.managerId ?? managerId;
  const same =
    phone === existing.phone &&
    email === existing.email &&
    tags === existing.tags &&
    notes === existing.notes &&
    birthDate === existing.birthDate &&
    marketingOptIn === Boolean(existing.marketingOptIn) &&
    manager === existing.managerId;
  if (same) return null;
  return {
    phone,
    email,
    emailNormalized: email?.toLowerCase() ?? null,
    tags,
    notes,
    birthDate,
    marketingOptIn,
    managerId: manager,
    searchText: searchTextOf(existing.name, email, identityOf(ctx, { phone, email })),
  };
}
