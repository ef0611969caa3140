/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Conflict, ImportPlan, RowOutcome, RowProblem } from '../src/domain/imports/index.js';
import { fieldErrorText } from '../src/i18n/errors.js';
import { conflictText } from '../src/i18n/import-words.js';
import { CsrfField, Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

export interface ImportListEntry {
  id: number;
  fileName: string;
  status: string;
  source: string;
  rows: number;
  created: number;
  merged: number;
  errors: number;
  uploadedAt: number;
  appliedAt: number | null;
  by: string | null;
}

interface Upload {
  managers: { id: number; name: string }[];
  managerId: number | null;
  /** The country phones without "+" are read in, and the agency's own (offered first). */
  country: string;
  agencyCountry: string;
  error?: string | undefined;
}

/**
 * The countries an agency's files come from, besides its own: its neighbours and the
 * countries its clients phone from. Any other can be given to the API.
 */
const COUNTRIES = ['BG', 'RU', 'UA', 'BY', 'KZ', 'MD', 'RO', 'GR', 'TR', 'RS', 'MK', 'GE', 'AM', 'AZ', 'UZ', 'IL', 'DE', 'GB', 'US'];
const INTL: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', bg: 'bg-BG' };

/** The choice of country, named in the reader's language: the agency's first, the rest by name. */
function countryChoices(tr: Tr, upload: Upload) {
  const names = new Intl.DisplayNames([INTL[tr.locale] ?? tr.locale], { type: 'region' });
  const others = [...new Set([...COUNTRIES, upload.country])].filter((code) => code !== upload.agencyCountry);
  const named = (code: string) => ({ code, name: names.of(code) ?? code });
  return [named(upload.agencyCountry), ...others.map(named).sort((a, b) => a.name.localeCompare(b.name, tr.locale))];
}

/** "Phones without + are numbers of": a Russian 8 916 123-45-67 is read right only as Russia's. */
function CountrySelect(props: { tr: Tr; upload: Upload; id: string }) {
  const { tr, upload } = props;
  return (
    <div class="field">
      <label for={props.id}>{tr.t('import.country')}</label>
      <select id={props.id} name="country" aria-describedby={`${props.id}-hint`}>
        {countryChoices(tr, upload).map((choice) => (
          <option value={choice.code} selected={choice.code === upload.country}>
            {choice.name}
          </option>
        ))}
      </select>
      <span class="small muted" id={`${props.id}-hint`}>
        {tr.t('import.countryHint')}
      </span>
    </div>
  );
}

/** How many new and merged rows the preview lists; the counts say the rest. */
export const PREVIEW_ROWS = 200;
/** A file read with the wrong columns can fail on every row: the first errors show what is wrong. */
const PREVIEW_PROBLEMS = 500;

/** The form that sends a file to be checked (multipart, so it works without JavaScript). */
function UploadForm(props: { tr: Tr; csrf: string; upload: Upload; again?: boolean }) {
  const { tr, upload } = props;
  return (
    <form method="post" action="/imports" enctype="multipart/form-data" class="card" id="upload">
      <CsrfField csrf={props.csrf} />
      <h2>{tr.t(props.again ? 'import.uploadAgain' : 'import.upload')}</h2>
      <div class={upload.error ? 'field invalid' : 'field'}>
        <label for="f-file">{tr.t('import.file')}</label>
        <input id="f-file" name="file" type="file" required accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-invalid={upload.error ? 'true' : undefined} aria-describedby={upload.error ? 'f-file-error' : undefined} />
        {upload.error && (
          <span class="error" id="f-file-error">
            {upload.error}
          </span>
        )}
      </div>
      <CountrySelect tr={tr} upload={upload} id="f-country" />
      <div class="field">
        <label for="f-managerId">{tr.t('import.manager')}</label>
        <select id="f-managerId" name="managerId">
          <option value="">{tr.t('import.noManager')}</option>
          {upload.managers.map((m) => (
            <option value={String(m.id)} selected={m.id === upload.managerId}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <button>{tr.t('import.check')}</button>
    </form>
  );
}

/** Upload a file, and the imports made so far. */
export function ImportsPage(props: PageFrame & { upload: Upload; imports: ImportListEntry[] }) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('import.title')} current="contacts">
      <h1>{tr.t('import.title')}</h1>
      <p class="small muted">{tr.t('import.hint')}</p>
      {props.actor?.role === 'director' && (
        <p>
          <a href="/imports/bank">{tr.t('import.bankLink')}</a>
        </p>
      )}
      <UploadForm tr={tr} csrf={props.csrf} upload={props.upload} />
      <section class="card">
        <h2>{tr.t('import.earlier')}</h2>
        {props.imports.length === 0 ? (
          <p class="muted">{tr.t('import.none')}</p>
        ) : (
          <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('import.earlier')}>
            <table>
              <thead>
                <tr>
                  <th>{tr.t('import.col.file')}</th>
                  <th>{tr.t('import.col.when')}</th>
                  <th>{tr.t('import.col.status')}</th>
                  <th class="num">{tr.t('import.rows')}</th>
                  <th class="num">{tr.t('import.new')}</th>
                  <th class="num">{tr.t('import.merged')}</th>
                  <th class="num">{tr.t('import.errorRows')}</th>
                </tr>
              </thead>
              <tbody>
                {props.imports.map((entry) => (
                  <tr data-import={String(entry.id)}>
                    <td class="wrap">
                      <a href={`/imports/${entry.id}`}>{entry.fileName}</a>
                    </td>
                    <td>
                      {tr.dateTime(entry.appliedAt ?? entry.uploadedAt)}
                      <br />
                      <span class="small muted">{entry.by ?? tr.label('importSource', entry.source)}</span>
                    </td>
                    <td>{tr.label('importStatus', entry.status)}</td>
                    <td class="num">{entry.rows}</td>
                    <td class="num">{entry.created}</td>
                    <td class="num">{entry.merged}</td>
                    <td class="num">{entry.errors}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

/** Row problems as a list: it reads the same on a phone and at a desk. */
function Problems(props: { tr: Tr; problems: RowProblem[]; id: string }) {
  const { tr } = props;
  return (
    <>
      <ul class="rows" id={props.id}>
        {props.problems.slice(0, PREVIEW_PROBLEMS).map((p) => (
          <li data-row={String(p.row)} data-field={p.field}>
            <span class="badge">{tr.t('import.rowNo', { row: p.row })}</span> <strong>{tr.label('importField', p.field)}</strong>
            {p.value !== undefined && p.value !== '' && <> «<span class="wrap">{p.value}</span>»</>}
            <br />
            {fieldErrorText(tr.locale, p.message)}
          </li>
        ))}
      </ul>
      {props.problems.length > PREVIEW_PROBLEMS && <p class="small muted">{tr.t('import.more', { count: props.problems.length - PREVIEW_PROBLEMS })}</p>}
    </>
  );
}

/** A row as the file writes the person: row number, name, phone and e-mail. */
function Who(props: { tr: Tr; o: RowOutcome }) {
  const { o, tr } = props;
  return (
    <>
      <span class="badge">{tr.t('import.rowNo', { row: o.row })}</span> <strong class="wrap">{o.name}</strong>
      {o.phone && <span class="small muted nobr"> {tr.phone(o.phone)}</span>}
      {o.email && <span class="small muted wrap"> {o.email}</span>}
    </>
  );
}

export interface ImportView {
  id: number;
  fileName: string;
  status: string;
  uploadedAt: number;
  appliedAt: number | null;
  by: string | null;
  appliedBy: string | null;
  managerName: string | null;
  rows: number;
  created: number;
  merged: number;
  /** Rows left out by the import (or, before it, rows with errors or conflicts when checked). */
  errors: number;
}

/** An ISO date as the reader writes dates. */
const isoDate = (tr: Tr, iso: string) => tr.date(Date.parse(`${iso}T12:00:00Z`));

/**
 * Rows that share a phone or e-mail with someone else: the client on file (linked) or the
 * earlier row, and what tells them apart. Nothing of them is merged; a person decides.
 */
function Conflicts(props: { tr: Tr; conflicts: Conflict[] }) {
  const { tr } = props;
  return (
    <>
      <ul class="rows" id="conflict-rows">
        {props.conflicts.slice(0, PREVIEW_PROBLEMS).map((c) => (
          <li data-row={String(c.row)} data-field={c.field} data-existing={c.existingId !== undefined ? `contact-${c.existingId}` : `row-${c.existingRow}`}>
            <span class="badge">{tr.t('import.rowNo', { row: c.row })}</span> <strong class="wrap">{c.name}</strong> <span class="small muted">{tr.label('importField', c.field)}</span>{' '}
            «<span class="wrap">{c.field === 'birthDate' ? isoDate(tr, c.value) : c.field === 'phone' ? tr.phone(c.value) : c.value}</span>»
            <br />
            {conflictText(tr.locale, c)}
            {c.existingId !== undefined && (
              <>
                {' '}
                <a href={`/contacts/${c.existingId}`}>{tr.t('import.openCard', { name: c.existingName })}</a>
              </>
            )}
            <br />
            <span class="small">
              {c.differs.field === 'name'
                ? tr.t('import.differs.name', { file: c.differs.file, onFile: c.differs.onFile })
                : tr.t('import.differs.birthDate', { file: isoDate(tr, c.differs.file), onFile: isoDate(tr, c.differs.onFile) })}
            </span>
          </li>
        ))}
      </ul>
      {props.conflicts.length > PREVIEW_PROBLEMS && <p class="small muted">{tr.t('import.more', { count: props.conflicts.length - PREVIEW_PROBLEMS })}</p>}
    </>
  );
}

/** The rows an import leaves out, to download with the file's columns, correct and upload again. */
function RejectedDownloads(props: { tr: Tr; id: number; country: string; agencyCountry: string; count: number }) {
  const { tr } = props;
  const query = props.country === props.agencyCountry ? '' : `?country=${props.country}`;
  return (
    <p class="card" id="rejected-file">
      {tr.t('import.rejectedFile', { count: props.count })}{' '}
      <a href={`/imports/${props.id}/rejected.xlsx${query}`} download="">
        {tr.t('import.downloadXlsx')}
      </a>
      {' · '}
      <a href={`/imports/${props.id}/rejected.csv${query}`} download="">
        {tr.t('import.downloadCsv')}
      </a>
    </p>
  );
}

/**
 * What a checked file would do, row by row: the errors to correct (nothing is imported
 * while there are any), the notes, whom each row merges into, and the new clients; then
 * the button that imports it. Once applied: what it did.
 */
export function ImportPreviewPage(props: PageFrame & { record: ImportView; plan: ImportPlan | null; upload: Upload }) {
  const { tr, record, plan, upload } = props;
  const applied = record.status === 'applied';
  const merges = plan?.outcomes.filter((o) => o.outcome === 'merged') ?? [];
  const fresh = plan?.outcomes.filter((o) => o.outcome === 'new') ?? [];
  const rejected = plan?.rejectedRows.length ?? 0;
  const conflictRows = plan ? new Set(plan.conflicts.map((c) => c.row)).size : 0;
  const errorRows = plan ? new Set(plan.errors.map((e) => e.row)).size : 0;
  // Once imported, the record says what it did; the plan of the kept file only lists the rows left out.
  const counts = applied || !plan ? record : plan;
  const hiddenCountry = <input type="hidden" name="country" value={upload.country} />;
  return (
    <Layout {...props} title={`${tr.t('import.title')}: ${record.fileName}`} current="contacts">
      <p class="small">
        <a href="/imports">← {tr.t('import.title')}</a>
      </p>
      <h1 class="wrap">{record.fileName}</h1>
      <p class="small muted">
        {tr.t('import.uploaded', { date: tr.dateTime(record.uploadedAt), name: record.by ?? '' })}
        {' · '}
        {tr.t('import.manager')}: {record.managerName ?? tr.t('import.noManager')}
      </p>
      <p class="counts" data-counts="">
        <span class="badge">
          {tr.t('import.rows')}: {counts.rows}
        </span>
        <span class="badge ok">
          {tr.t('import.new')}: {counts.created}
        </span>
        <span class="badge today">
          {tr.t('import.merged')}: {counts.merged}
        </span>
        {applied && record.errors > 0 && <span class="badge bad">{tr.t('import.leftOut')}: {record.errors}</span>}
        {!applied && plan && <span class={errorRows ? 'badge bad' : 'badge'}>{tr.t('import.errorRows')}: {errorRows}</span>}
        {!applied && conflictRows > 0 && <span class="badge bad">{tr.t('import.conflictRows')}: {conflictRows}</span>}
      </p>
      {applied && (
        <p class="card" role="status" data-applied="">
          {tr.t('import.applied', { date: tr.dateTime(record.appliedAt ?? record.uploadedAt), name: record.appliedBy ?? record.by ?? '', created: record.created, merged: record.merged })}{' '}
          <a href="/contacts">{tr.t('nav.contacts')}</a>
        </p>
      )}
      {!applied && !plan && <p class="card alert">{tr.t('import.gone')}</p>}
      {plan && !applied && (
        <form method="get" action={`/imports/${record.id}`} class="card" id="reread">
          <CountrySelect tr={tr} upload={upload} id="r-country" />
          <button class="secondary">{tr.t('import.reread')}</button>
        </form>
      )}
      {plan && (
        <>
          {!applied && (
            <section class="card">
              <h2>{tr.t('import.columns')}</h2>
              <p class="counts">
                {plan.columns
                  .filter((c) => c.header)
                  .map((c) => (
                    <span class={c.field ? 'badge ok' : 'badge'} data-column={c.field ?? ''}>
                      {c.header} → {c.field ? tr.label('importField', c.field) : tr.t('import.notRead')}
                    </span>
                  ))}
              </p>
            </section>
          )}
          {rejected > 0 && !plan.unreadable && <RejectedDownloads tr={tr} id={record.id} country={upload.country} agencyCountry={upload.agencyCountry} count={rejected} />}
          {plan.errors.length > 0 && (
            <section class="card" id="errors">
              <h2>{tr.t('import.errorsTitle')}</h2>
              {!applied && (
                <p class="alert" role="alert">
                  {tr.t('import.errorsHint')}
                </p>
              )}
              <Problems tr={tr} problems={plan.errors} id="error-rows" />
            </section>
          )}
          {plan.conflicts.length > 0 && (
            <section class="card" id="conflicts">
              <h2>{tr.t('import.conflictsTitle')}</h2>
              {!applied && <p class="alert">{tr.t('import.conflictsHint')}</p>}
              <Conflicts tr={tr} conflicts={plan.conflicts} />
            </section>
          )}
          {!applied && !plan.unreadable && rejected === 0 && (
            <form method="post" action={`/imports/${record.id}/apply`} class="card" id="apply">
              <CsrfField csrf={props.csrf} />
              {hiddenCountry}
              <p>{tr.t('import.ready')}</p>
              <button>{tr.t('import.apply', { created: plan.created, merged: plan.merged })}</button>
            </form>
          )}
          {!applied && !plan.unreadable && rejected > 0 && plan.created + plan.merged > 0 && (
            <form method="post" action={`/imports/${record.id}/apply`} class="card" id="apply-valid">
              <CsrfField csrf={props.csrf} />
              {hiddenCountry}
              <input type="hidden" name="skipInvalid" value="true" />
              <p>{tr.t('import.skipHint', { count: rejected })}</p>
              <button class="secondary">{tr.t('import.applyValid', { created: plan.created, merged: plan.merged, skipped: rejected })}</button>
            </form>
          )}
          {!applied && plan.warnings.length > 0 && (
            <section class="card">
              <h2>{tr.t('import.warningsTitle')}</h2>
              <p class="small muted">{tr.t('import.warningsHint')}</p>
              <Problems tr={tr} problems={plan.warnings} id="warning-rows" />
            </section>
          )}
          {!applied && merges.length > 0 && (
            <section class="card" id="merges">
              <h2>{tr.t('import.mergesTitle')}</h2>
              <ul class="rows">
                {merges.slice(0, PREVIEW_ROWS).map((o) => (
                  <li data-row={String(o.row)} data-into={o.contactId ? `contact-${o.contactId}` : `row-${o.intoRow}`}>
                    <Who tr={tr} o={o} />
                    <br />→ {o.contactId ? <a href={`/contacts/${o.contactId}`}>{o.contactName}</a> : tr.t('import.intoRow', { row: o.intoRow ?? 0 })}
                  </li>
                ))}
              </ul>
              {merges.length > PREVIEW_ROWS && <p class="small muted">{tr.t('import.more', { count: merges.length - PREVIEW_ROWS })}</p>}
            </section>
          )}
          {!applied && fresh.length > 0 && (
            <section class="card" id="new">
              <h2>{tr.t('import.newTitle')}</h2>
              <ul class="rows">
                {fresh.slice(0, PREVIEW_ROWS).map((o) => (
                  <li data-row={String(o.row)}>
                    <Who tr={tr} o={o} />
                  </li>
                ))}
              </ul>
              {fresh.length > PREVIEW_ROWS && <p class="small muted">{tr.t('import.more', { count: fresh.length - PREVIEW_ROWS })}</p>}
            </section>
          )}
        </>
      )}
      {!applied && <UploadForm tr={tr} csrf={props.csrf} upload={upload} again />}
    </Layout>
  );
}
