/**
 * What an import of clients would do, row by row, and doing it. The same person (phone or
 * e-mail) twice in the file is one client; a person already on file is merged into their
 * card, which keeps what it says and gains what it lacks. Nothing is written while any row
 * has an error.
 */
import type { Ctx } from '../context.js';
import { DIRECTOR_TAGS } from '../contacts/changes.js';
import { identityOf, searchTextOf } from '../contacts/identity.js';
import { localeOfCountry } from '../contacts/phone.js';
import { DateTime } from 'luxon';
import { recogniseColumns, type Columns } from './columns.js';
import { readContactRow, type CandidateContact, type ReadRow, type RowProblem } from './contact-rows.js';
import type { Table } from './table.js';

export type ImportPhase = 'reading' | 'checking' | 'writing';
export type OnProgress = (phase: ImportPhase, done: number, total: number) => void;

/** How often progress is told, in rows. */
const PROGRESS_EVERY = 5_000;

/** One person of the file: their rows (the first leads) and the client they become. */
interface Person {
  rows: CandidateContact[];
  merged: CandidateContact;
}

/** The rows read and grouped into people: all that needs no database. */
export interface ReadFile {
  columns: Columns['read'];
  rows: number;
  people: Person[];
  /** The rows that cannot be read, as the file writes them. */
  failed: ReadRow['given'][];
  errors: RowProblem[];
  warnings: RowProblem[];
}

export interface RowOutcome {
  row: number;
  outcome: 'new' | 'merged' | 'error';
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
  created: number;
  merged: number;
  errors: RowProblem[];
  warnings: RowProblem[];
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

/** The columns the import needs: a name (or its parts) and a phone or an e-mail. */
function columnProblems(columns: Columns): RowProblem[] {
  const problems: RowProblem[] = [];
  const has = (...fields: Parameters<Columns['of']['get']>[0][]) => fields.some((field) => columns.of.has(field));
  if (!has('name', 'firstName', 'lastName')) problems.push({ row: 1, field: 'name', message: 'no column for the name (name, имя, име)' });
  if (!has('phone', 'email')) problems.push({ row: 1, field: 'phone', message: 'no column for the phone or e-mail (phone, телефон, e-mail, почта, имейл)' });
  return problems;
}

/** Notes add up, a line each, without repeating one already there. */
const withNote = (notes: string | null, note: string | null): string | null =>
  !note || notes?.includes(note) ? notes : notes ? `${notes}\n${note}` : note;

/** Later rows of a person fill what earlier ones left empty; tags and notes add up. */
function mergeRows(rows: CandidateContact[]): CandidateContact {
  const [lead, ...rest] = rows;
  const merged: CandidateContact = { ...lead!, tags: [...lead!.tags] };
  for (const row of rest) {
    merged.phone ??= row.phone;
    merged.email ??= row.email;
    merged.birthDate ??= row.birthDate;
    merged.locale ??= row.locale;
    merged.tags = [...new Set([...merged.tags, ...row.tags])];
    merged.notes = withNote(merged.notes, row.notes);
    if (row.marketingOptIn !== null) merged.marketingOptIn = merged.marketingOptIn === true || row.marketingOptIn;
  }
  return merged;
}

/** Reads every row and groups the rows of one person (same phone or e-mail, even through a third row). */
export function readFile(ctx: Pick<Ctx, 'agency' | 'now'>, table: Table, onProgress?: OnProgress): ReadFile {
  const columns = recogniseColumns(table.header);
  const errors = columnProblems(columns);
  const warnings: RowProblem[] = [];
  if (errors.length > 0) return { columns: columns.read, rows: table.rows.length, people: [], failed: [], errors, warnings };

  const today = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone }).toISODate()!;
  const candidates: CandidateContact[] = [];
  const failed: ReadFile['failed'] = [];
  table.rows.forEach((row, i) => {
    const read = readContactRow(columns, row, { country: ctx.agency.country, today });
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    if (read.contact) candidates.push(read.contact);
    else failed.push(read.given);
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.('reading', i + 1, table.rows.length);
  });

  // Union-find over rows: a phone or e-mail seen before joins this row to that person.
  const parent = candidates.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const byKey = new Map<string, number>();
  candidates.forEach((candidate, i) => {
    for (const key of keysOf(candidate)) {
      const seen = byKey.get(key);
      if (seen === undefined) byKey.set(key, i);
      else {
        const [a, b] = [root(seen), root(i)];
        // The earlier row leads, so a person is numbered by where they first appear.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, CandidateContact[]>();
  candidates.forEach((candidate, i) => {
    const lead = root(i);
    groups.set(lead, [...(groups.get(lead) ?? []), candidate]);
  });
  const people = [...groups.values()].map((rows) => ({ rows, merged: mergeRows(rows) }));
  onProgress?.('reading', table.rows.length, table.rows.length);
  return { columns: columns.read, rows: table.rows.length, people, failed, errors, warnings };
}

const keysOf = (candidate: CandidateContact) => [
  ...(candidate.phone ? [`p:${candidate.phone.e164}`] : []),
  ...(candidate.email ? [`e:${candidate.email.toLowerCase()}`] : []),
];

/**
 * The file against the clients on file: each person is new or merges into the one client
 * that has any of their phones or e-mails. A person matching two clients is an error (the
 * desk should merge those first). A read: run it inside the write to apply.
 */
export function planImport(ctx: Ctx, file: ReadFile, onProgress?: OnProgress): ImportPlan {
  const byPhone = ctx.sqlite.prepare(`SELECT ${EXISTING_COLUMNS} FROM contacts WHERE phone = ?`);
  const byEmail = ctx.sqlite.prepare(`SELECT ${EXISTING_COLUMNS} FROM contacts WHERE email_normalized = ?`);
  const errors = [...file.errors];
  const warnings = [...file.warnings];
  const people: ImportPlan['people'] = [];
  const claimedBy = new Map<number, ImportPlan['people'][number]>();
  const outcomes: RowOutcome[] = file.failed.map((given) => ({ ...given, outcome: 'error' }));
  const given = (row: CandidateContact) => ({ row: row.row, name: row.name, phone: row.phone?.e164 ?? null, email: row.email });
  const refuse = (person: Person, field: string, message: string) => {
    for (const row of person.rows) {
      errors.push({ row: row.row, field, message });
      outcomes.push({ ...given(row), outcome: 'error' });
    }
  };
  let checked = 0;
  for (const person of file.people) {
    checked += person.rows.length;
    if (checked % PROGRESS_EVERY < person.rows.length) onProgress?.('checking', checked, file.rows);
    const found = new Map<number, ExistingContact>();
    for (const row of person.rows) {
      const phoneMatch = row.phone ? (byPhone.get(row.phone.e164) as ExistingContact | undefined) : undefined;
      const emailMatch = row.email ? (byEmail.get(row.email.toLowerCase()) as ExistingContact | undefined) : undefined;
      for (const match of [phoneMatch, emailMatch]) if (match) found.set(match.id, match);
    }
    const [existing = null, other] = found.values();
    if (other) {
      refuse(person, 'phone', `matches two clients on file (#${existing!.id} ${existing!.name} and #${other.id} ${other.name})`);
      continue;
    }
    // "Do not contact" keeps a client off every list: only a director sets it, in a file too.
    const kept = existing ? (JSON.parse(existing.tags) as string[]) : [];
    const forbidden = ctx.actor && ctx.actor.role !== 'director' ? DIRECTOR_TAGS.filter((tag) => person.merged.tags.includes(tag) && !kept.includes(tag)) : [];
    if (forbidden.length) {
      refuse(person, 'tags', `only a director sets the tag ${forbidden.join(', ')}`);
      continue;
    }
    // Two people of the file who are one client on file (one by phone, one by e-mail) are one person.
    const claimed = existing ? claimedBy.get(existing.id) : undefined;
    if (claimed) {
      const rows = [...claimed.person.rows, ...person.rows];
      claimed.person = { rows, merged: mergeRows(rows) };
    } else {
      const entry = { person, existing };
      people.push(entry);
      if (existing) claimedBy.set(existing.id, entry);
    }
    const lead = person.rows[0]!.row;
    person.rows.forEach((row, i) => {
      if (existing) outcomes.push({ ...given(row), outcome: 'merged', contactId: existing.id, contactName: existing.name });
      else outcomes.push(i === 0 ? { ...given(row), outcome: 'new' } : { ...given(row), outcome: 'merged', intoRow: lead });
    });
    if (existing && person.merged.marketingOptIn && !existing.marketingOptIn && existing.unsubscribedAt) {
      warnings.push({ row: lead, field: 'marketingOptIn', message: 'not taken: the client unsubscribed' });
    }
  }
  onProgress?.('checking', file.rows, file.rows);
  const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
  return {
    columns: file.columns,
    rows: file.rows,
    created: outcomes.filter((o) => o.outcome === 'new').length,
    merged: outcomes.filter((o) => o.outcome === 'merged').length,
    errors: errors.sort(byRow),
    warnings: warnings.sort(byRow),
    outcomes: outcomes.sort(byRow),
    people,
  };
}

/**
 * Writes a plan without errors: the new clients, and what each merged client gains (an
 * empty phone, e-mail or birth date filled, tags and notes added, consent given unless they
 * unsubscribed). Run inside the write that planned it, so nothing changed in between.
 * Plain prepared statements: building 50,000 queries through the ORM cost twice the writing.
 */
export function writeImport(ctx: Ctx, plan: ImportPlan, options: { managerId: number | null }, onProgress?: OnProgress): void {
  if (plan.errors.length > 0) throw new Error('An import with errors is not written');
  const insert = ctx.sqlite.prepare(
    `INSERT INTO contacts (name, phone, email, email_normalized, locale, tags, manager_id, notes, birth_date, marketing_opt_in, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = ctx.sqlite.prepare(
    `UPDATE contacts SET phone = ?, email = ?, email_normalized = ?, tags = ?, notes = ?, birth_date = ?, marketing_opt_in = ?, manager_id = ?, search_text = ?, updated_at = ?
     WHERE id = ?`,
  );
  const total = plan.people.length;
  plan.people.forEach(({ person, existing }, i) => {
    const p = person.merged;
    if (existing) {
      const change = mergedValues(ctx, existing, p, options.managerId);
      if (change) update.run(change.phone, change.email, change.emailNormalized, change.tags, change.notes, change.birthDate, change.marketingOptIn ? 1 : 0, change.managerId, change.searchText, ctx.now, existing.id);
    } else {
      const identity = { phone: p.phone?.e164 ?? null, nationalDigits: p.phone?.nationalDigits ?? null, emailNormalized: p.email?.toLowerCase() ?? null };
      insert.run(
        p.name,
        identity.phone,
        p.email,
        identity.emailNormalized,
        p.locale ?? localeOfCountry(p.phone?.country) ?? ctx.agency.locale,
        JSON.stringify(p.tags),
        options.managerId,
        p.notes,
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

/** What a client on file becomes with what the file adds, or null when it adds nothing. */
function mergedValues(ctx: Ctx, existing: ExistingContact, p: CandidateContact, managerId: number | null) {
  const tags = JSON.stringify([...new Set([...(JSON.parse(existing.tags) as string[]), ...p.tags])]);
  const notes = withNote(existing.notes, p.notes);
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
