/**
 * A file of clients read into people, with no database: each row's values (contact-rows.ts),
 * and the rows of one person grouped (the same phone or e-mail, and a name that is theirs).
 * It runs in the reading worker, so it imports nothing of the database or the desk's verbs.
 */
import type { CountryCode } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import type { Ctx } from '../context.js';
import { recogniseColumns, type Columns } from './columns.js';
import { distinctTags, readContactRow, type CandidateContact, type Carried, type ReadRow, type RowProblem } from './contact-rows.js';
import { sameName } from './names.js';
import type { Table } from './table.js';

export type ImportPhase = 'reading' | 'checking' | 'writing';
export type OnProgress = (phase: ImportPhase, done: number, total: number) => void;

/** How often progress is told, in rows. */
export const PROGRESS_EVERY = 5_000;

/** One person of the file: their rows (the first leads) and the client they become. */
export interface Person {
  rows: CandidateContact[];
  merged: CandidateContact;
}

/**
 * A row whose phone or e-mail is on file (or on an earlier row) under another person's name,
 * or with another birth date: not merged, for a person to decide. `field` is the row's value
 * that is shared (or its birth date), `differs` what tells the two apart.
 */
export interface Conflict {
  row: number;
  field: 'phone' | 'email' | 'birthDate';
  /** The client on file it meets. */
  existingId?: number;
  /** Or the earlier row of this file it meets. */
  existingRow?: number;
  existingName: string;
  /** The row's name, and the shared value as the desk keeps it. */
  name: string;
  value: string;
  differs: { field: 'name' | 'birthDate'; file: string; onFile: string };
  message: string;
}

/** The rows read and grouped into people: all that needs no database. */
export interface ReadFile {
  columns: Columns['read'];
  rows: number;
  /** The country a phone without "+" is read in. */
  country: CountryCode;
  people: Person[];
  /** The rows that cannot be read (or meet an earlier row of another person), as the file writes them. */
  failed: ReadRow['given'][];
  errors: RowProblem[];
  warnings: RowProblem[];
  /** Rows that meet an earlier row of the file under another name or birth date. */
  conflicts: Conflict[];
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
export const withNote = (notes: string | null, note: string | null): string | null =>
  !note || notes?.includes(note) ? notes : notes ? `${notes}\n${note}` : note;

/** How the values a card has no place for are worded in its notes (the edge words it in the agency's language). */
export type CarriedNote = (fileName: string, carried: Carried[]) => string;

export const englishCarriedNote: CarriedNote = (fileName, carried) =>
  `From ${fileName}: ${carried.map((c) => `${c.field === 'phone' ? 'phone' : 'e-mail'} ${c.value} (row ${c.row})`).join('; ')}`;

export const sameValue = (field: Carried['field'], a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && (field === 'email' ? a.toLowerCase() === b.toLowerCase() : a === b);

/** One of each carried value, none that the card keeps anyway or its notes already name. */
export function distinctCarried(carried: Carried[], keeps: { phone: string | null; email: string | null; notes: string | null }): Carried[] {
  const seen = new Set<string>();
  return carried.filter((c) => {
    const key = `${c.field}:${c.value.toLowerCase()}`;
    if (seen.has(key) || sameValue(c.field, c.value, c.field === 'phone' ? keeps.phone : keeps.email) || keeps.notes?.toLowerCase().includes(c.value.toLowerCase())) return false;
    seen.add(key);
    return true;
  });
}

/** Later rows of a person fill what earlier ones left empty; tags and notes add up; a second phone or e-mail is carried. */
export function mergeRows(rows: CandidateContact[]): CandidateContact {
  const [lead, ...rest] = rows;
  const merged: CandidateContact = { ...lead!, tags: [...lead!.tags], carried: [...lead!.carried] };
  for (const row of rest) {
    if (row.phone && merged.phone && row.phone.e164 !== merged.phone.e164) merged.carried.push({ row: row.row, field: 'phone', value: row.phone.e164 });
    if (row.email && merged.email && !sameValue('email', row.email, merged.email)) merged.carried.push({ row: row.row, field: 'email', value: row.email });
    merged.phone ??= row.phone;
    merged.email ??= row.email;
    merged.birthDate ??= row.birthDate;
    merged.locale ??= row.locale;
    merged.tags = distinctTags([...merged.tags, ...row.tags]);
    merged.notes = withNote(merged.notes, row.notes);
    merged.carried.push(...row.carried);
    if (row.marketingOptIn !== null) merged.marketingOptIn = merged.marketingOptIn === true || row.marketingOptIn;
  }
  merged.carried = distinctCarried(merged.carried, { phone: merged.phone?.e164 ?? null, email: merged.email, notes: null });
  return merged;
}

const keysOf = (candidate: CandidateContact) => [
  ...(candidate.phone ? [{ key: `p:${candidate.phone.e164}`, field: 'phone' as const, value: candidate.phone.e164 }] : []),
  ...(candidate.email ? [{ key: `e:${candidate.email.toLowerCase()}`, field: 'email' as const, value: candidate.email }] : []),
];

export const givenOf = (row: CandidateContact) => ({ row: row.row, name: row.name, phone: row.phone?.e164 ?? null, email: row.email });

/**
 * Reads every row and groups the rows of one person: the same phone or e-mail (even through a
 * third row) and a name that is theirs. A row that shares a phone or e-mail with an earlier
 * row under another person's name, or gives the person another birth date, is a conflict.
 */
export function readFile(ctx: Pick<Ctx, 'agency' | 'now'>, table: Table, options: { country?: CountryCode } = {}, onProgress?: OnProgress): ReadFile {
  const country = options.country ?? ctx.agency.country;
  const columns = recogniseColumns(table.header);
  const errors = columnProblems(columns);
  const warnings: RowProblem[] = [];
  const conflicts: Conflict[] = [];
  if (errors.length > 0) return { columns: columns.read, rows: table.rows.length, country, people: [], failed: [], errors, warnings, conflicts };

  const today = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone }).toISODate()!;
  const candidates: CandidateContact[] = [];
  const failed: ReadFile['failed'] = [];
  table.rows.forEach((row, i) => {
    const read = readContactRow(columns, row, { country, today });
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
  const birthOf = candidates.map((candidate) => candidate.birthDate);
  const byKey = new Map<string, number>();
  const joined: boolean[] = candidates.map(() => true);
  candidates.forEach((candidate, i) => {
    const met = keysOf(candidate).flatMap((key) => {
      const at = byKey.get(key.key);
      return at === undefined ? [] : [{ ...key, at }];
    });
    let refused = false;
    const conflict = (field: Conflict['field'], at: number, differs: Conflict['differs'], value: string, message: string) => {
      refused = true;
      conflicts.push({ row: candidate.row, field, existingRow: candidates[at]!.row, existingName: candidates[at]!.name, name: candidate.name, value, differs, message });
    };
    const otherName = met.find((m) => !sameName(candidate.name, candidates[m.at]!.name));
    const roots = [...new Set(met.map((m) => root(m.at)))];
    const dates = new Set([candidate.birthDate, ...roots.map((r) => birthOf[r])].filter(Boolean));
    if (otherName) {
      const other = candidates[otherName.at]!;
      conflict(otherName.field, otherName.at, { field: 'name', file: candidate.name, onFile: other.name }, otherName.value, `is also on row ${other.row} under another name (${other.name})`);
    } else if (dates.size > 1) {
      // One person has one birth date: the same name with another is a namesake (a father and son at one phone).
      const mine = candidate.birthDate ?? birthOf[roots.find((r) => birthOf[r])!]!;
      const theirs = roots.find((r) => birthOf[r] && birthOf[r] !== mine)!;
      conflict('birthDate', theirs, { field: 'birthDate', file: mine, onFile: birthOf[theirs]! }, mine, `differs from the birth date of row ${candidates[theirs]!.row} (${birthOf[theirs]}), the same phone or e-mail`);
    }
    if (refused) {
      joined[i] = false;
      return;
    }
    for (const key of keysOf(candidate)) if (!byKey.has(key.key)) byKey.set(key.key, i);
    for (const m of met) {
      const [a, b] = [root(m.at), root(i)];
      // The earlier row leads, so a person is numbered by where they first appear.
      if (a !== b) {
        const [lead, follower] = [Math.min(a, b), Math.max(a, b)];
        parent[follower] = lead;
        birthOf[lead] ??= birthOf[follower] ?? null;
      }
    }
  });
  const groups = new Map<number, CandidateContact[]>();
  candidates.forEach((candidate, i) => {
    if (!joined[i]) {
      failed.push(givenOf(candidate));
      return;
    }
    const lead = root(i);
    groups.set(lead, [...(groups.get(lead) ?? []), candidate]);
  });
  const people = [...groups.values()].map((rows) => ({ rows, merged: mergeRows(rows) }));
  onProgress?.('reading', table.rows.length, table.rows.length);
  return { columns: columns.read, rows: table.rows.length, country, people, failed, errors, warnings, conflicts };
}

