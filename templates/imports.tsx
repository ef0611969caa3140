/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ImportPlan, RowOutcome, RowProblem } from '../src/domain/imports/index.js';
import { fieldErrorText } from '../src/i18n/errors.js';
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
  error?: string | undefined;
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
}

/**
 * What a checked file would do, row by row: the errors to correct (nothing is imported
 * while there are any), the notes, whom each row merges into, and the new clients; then
 * the button that imports it. Once applied: what it did.
 */
export function ImportPreviewPage(props: PageFrame & { record: ImportView; plan: ImportPlan | null; upload: Upload }) {
  const { tr, record, plan } = props;
  const merges = plan?.outcomes.filter((o) => o.outcome === 'merged') ?? [];
  const fresh = plan?.outcomes.filter((o) => o.outcome === 'new') ?? [];
  const errorRows = plan ? new Set(plan.errors.map((e) => e.row)).size : 0;
  const counts = plan ?? record;
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
        {plan && <span class={errorRows ? 'badge bad' : 'badge'}>{tr.t('import.errorRows')}: {errorRows}</span>}
      </p>
      {record.status === 'applied' && (
        <p class="card" role="status" data-applied="">
          {tr.t('import.applied', { date: tr.dateTime(record.appliedAt ?? record.uploadedAt), name: record.appliedBy ?? record.by ?? '', created: record.created, merged: record.merged })}{' '}
          <a href="/contacts">{tr.t('nav.contacts')}</a>
        </p>
      )}
      {record.status !== 'applied' && !plan && <p class="card alert">{tr.t('import.gone')}</p>}
      {plan && (
        <>
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
          {plan.errors.length > 0 && (
            <section class="card" id="errors">
              <h2>{tr.t('import.errorsTitle')}</h2>
              <p class="alert" role="alert">
                {tr.t('import.errorsHint')}
              </p>
              <Problems tr={tr} problems={plan.errors} id="error-rows" />
            </section>
          )}
          {plan.errors.length === 0 && record.status !== 'applied' && (
            <form method="post" action={`/imports/${record.id}/apply`} class="card">
              <CsrfField csrf={props.csrf} />
              <p>{tr.t('import.ready')}</p>
              <button>{tr.t('import.apply', { created: plan.created, merged: plan.merged })}</button>
            </form>
          )}
          {plan.warnings.length > 0 && (
            <section class="card">
              <h2>{tr.t('import.warningsTitle')}</h2>
              <p class="small muted">{tr.t('import.warningsHint')}</p>
              <Problems tr={tr} problems={plan.warnings} id="warning-rows" />
            </section>
          )}
          {merges.length > 0 && (
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
          {fresh.length > 0 && (
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
      {record.status !== 'applied' && <UploadForm tr={tr} csrf={props.csrf} upload={props.upload} again />}
    </Layout>
  );
}
