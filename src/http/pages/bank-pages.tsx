/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { assignBankEntry, assignedView, bookingsOf, importBankStatement, MAX_STATEMENT_BYTES, statementList, statementView, waitingViews, type BankImportResult } from '../../domain/bank-statements/index.js';
import type { Ctx } from '../../domain/context.js';
import { dealIdOfReference } from '../../domain/deals/index.js';
import { DomainError, invalid } from '../../domain/errors.js';
import { requireRole } from '../../domain/users/users.js';
import { BankPreviewPage, BankStatementPage, BankStatementsPage, type AssignRefusal } from '../../../templates/bank-statements.js';
import type { Tr } from '../../../templates/tr.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam } from '../validate.js';
import { formAction, type Refusal } from './form-action.js';
import { positiveId, readForm } from './forms.js';
import { frameOf } from './frame.js';

type C = Context<AppEnv>;

/**
 * What a form post may weigh. Page forms have no body limit of their own in the app (its
 * 1 MB limit guards the API), so each of these routes sets one: the upload is the file and
 * a little multipart around it; the import carries the checked file back as base64url (four
 * characters for three bytes, none of them escaped in a form body); an assignment is a few
 * fields.
 */
const ROOM = 64 * 1024;
const UPLOAD_BYTES = MAX_STATEMENT_BYTES + ROOM;
const CARRIED_CHARS = 4 * Math.ceil(MAX_STATEMENT_BYTES / 3);
const CARRIED_BYTES = CARRIED_CHARS + ROOM;
const ASSIGN_BYTES = 16 * 1024;
const MB = MAX_STATEMENT_BYTES / 1024 / 1024;

/** The longest file name kept with a statement. */
const LONGEST_NAME = 200;
const nameOfFile = (name: string | undefined) => (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, LONGEST_NAME);

/** The refusal of a carried file that is not what the check sent (cut, or not base64url). */
const NOT_CARRIED = 'is not the file that was checked';

/**
 * The reader's sentence for the parser's refusal of a file (the domain words it in English
 * for the API, its details naming `file`). One this table does not know is shown as the
 * general sentence with the parser's own words after it.
 */
const FILE_WORDS: [RegExp, (tr: Tr, m: RegExpExecArray) => string][] = [
  [/^is required/, (tr) => tr.t('bank.file.required')],
  [/^is empty$/, (tr) => tr.t('bank.file.empty')],
  [/^is larger than (\d+) MB/, (tr, m) => tr.t('bank.file.tooBig', { mb: Number(m[1]) })],
  [
    /^is (a PDF|an archive or a spreadsheet|a spreadsheet|an MT940 statement|not a bank statement): export/,
    (tr, m) => tr.t('bank.file.kind', { kind: ({ 'a PDF': 'pdf', 'an archive or a spreadsheet': 'archive', 'a spreadsheet': 'spreadsheet', 'an MT940 statement': 'mt940' } as Record<string, string>)[m[1]!] ?? 'other' }),
  ],
  [
    /^is a (camt\.052|camt\.054|pain\.001|pain\.008|pain\.002) [^,]+, not a camt\.053 statement$/,
    (tr, m) => tr.t('bank.file.otherMessage', { kind: m[1]!.replace('.', '') }),
  ],
  [/^is not a (camt\.053 statement|1CClientBankExchange file)$/, (tr) => tr.t('bank.file.general')],
  [/^declares a DOCTYPE/, (tr) => tr.t('bank.file.doctype')],
  [/^is not well-formed XML/, (tr) => tr.t('bank.file.malformed')],
  [/^is not valid (\S+) text$/, (tr, m) => tr.t('bank.file.encoding', { encoding: m[1]! })],
  [/^declares an encoding that is not known: (.*)$/, (tr, m) => tr.t('bank.file.unknownEncoding', { encoding: m[1]! })],
  [/^holds no statement \(Stmt\)/, (tr) => tr.t('bank.file.noStatement')],
  [/^has an amount that is not a number: (.*)$/, (tr, m) => tr.t('bank.file.amount', { value: m[1]! })],
  [/^has a credit whose amount is not above zero: (.*)$/, (tr, m) => tr.t('bank.file.amountZero', { value: m[1]! })],
  [/^has an amount with more decimals than (\S+) has \((\d+)\): (.*)$/, (tr, m) => tr.t('bank.file.decimals', { currency: m[1]!, digits: m[2]!, value: m[3]! })],
  [/^has an amount too large to be a payment: (.*)$/, (tr, m) => tr.t('bank.file.amountTooLarge', { value: m[1]! })],
  [/^has an amount without its currency \(Ccy\): (.*)$/, (tr, m) => tr.t('bank.file.noCurrency', { value: m[1]! })],
  [/^has an amount whose currency is not an ISO 4217 code: (.*)$/, (tr, m) => tr.t('bank.file.badCurrency', { value: m[1]! })],
  [/^has an entry without an amount/, (tr) => tr.t('bank.file.entryNoAmount')],
  [/^has an entry that is neither a credit nor a debit/, (tr) => tr.t('bank.file.entryDirection')],
  [/^has more than (\d+) (credits|documents)/, (tr, m) => tr.t('bank.file.tooMany', { max: Number(m[1]) })],
  [/^has a document that does not end/, (tr) => tr.t('bank.file.documentNotEnded')],
  [/^has a document without its amount/, (tr) => tr.t('bank.file.documentNoAmount')],
  [/^does not end with КонецФайла/, (tr) => tr.t('bank.file.cutShort')],
  [new RegExp(`^${NOT_CARRIED}$`), (tr) => tr.t('bank.file.changed')],
];

export function fileErrorText(tr: Tr, message: string): string {
  for (const [pattern, words] of FILE_WORDS) {
    const match = pattern.exec(message);
    if (match) return words(tr, match);
  }
  return `${tr.t('bank.file.general')} ${tr.t('bank.file.detail', { detail: message })}`;
}

/** The refusal of the file itself in the reader's words, or null when the error is about something else. */
function fileRefusal(error: unknown, tr: Tr): string | null {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return null;
  const file = (error.details as Record<string, string> | undefined)?.file;
  return file === undefined ? null : fileErrorText(tr, file);
}

/** The checked file as the import form carries it back: its bytes, never more than a statement may be. */
function carriedBytes(value: string | undefined): Uint8Array {
  const text = value ?? '';
  if (text.length > CARRIED_CHARS) throw invalid({ file: `is larger than ${MB} MB: export a shorter period` });
  if (text === '' || !/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) throw invalid({ file: NOT_CARRIED });
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** The booking a person chose: a suggestion, or a number or reference typed (which wins when given). */
async function chosenDeal(ctx: Ctx, form: Record<string, string>, tr: Tr): Promise<number> {
  const typed = (form.booking ?? '').toUpperCase().replace(/[\s\u00a0]/g, '');
  if (typed !== '') {
    const number = /^(?:#|№|N)?(\d{1,12})$/.exec(typed);
    if (number) {
      const id = Number(number[1]);
      if (id < 1) throw invalid({ booking: tr.t('bank.assign.unknown') });
      return id;
    }
    const reference = /^TD-?(\d{6,12})-?([0-9A-F]{6})$/.exec(typed);
    const id = reference ? await dealIdOfReference(ctx, `TD-${reference[1]}-${reference[2]}`) : null;
    if (id === null) throw invalid({ booking: tr.t('bank.assign.badReference') });
    return id;
  }
  const chosen = positiveId(form.dealId);
  if (chosen === undefined) throw invalid({ booking: tr.t('bank.assign.choose') });
  return chosen;
}

/** A refused assignment in the reader's words. */
function assignError(tr: Tr, refusal: Refusal): string {
  const details = (refusal.error.details ?? {}) as Record<string, unknown>;
  if (refusal.error.code === 'conflict' && details.reason === 'currency') {
    return tr.t('bank.assign.currency', { currency: String(details.currency ?? ''), expected: String(details.expectedCurrency ?? '') });
  }
  if (refusal.error.code === 'conflict' && details.reason === 'already_recorded') return tr.t('bank.assign.already');
  if (refusal.error.code === 'validation_failed') return refusal.errors.booking ?? tr.t('bank.assign.choose');
  return refusal.errors.booking ?? Object.values(refusal.errors)[0] ?? refusal.error.message;
}

/**
 * Directors bring the bank's statement in: check a file (nothing written), import it (each
 * credit naming a booking becomes its payment), and assign by hand the credits that name none.
 */
export function bankPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const directorsOnly = async (c: C, next: () => Promise<void>) => {
    requireRole(actingCtxOf(c, deps), 'director');
    await next();
  };
  app.use('/imports/bank', directorsOnly);
  app.use('/imports/bank/*', directorsOnly);

  async function renderMain(c: C, extra: { error?: string; refusal?: AssignRefusal; status?: 400 | 403 | 409 | 413 | 429 } = {}) {
    const ctx = actingCtxOf(c, deps);
    const frame = frameOf(c, deps, 'payments');
    const paymentId = c.req.method === 'GET' ? positiveId(c.req.query('assigned')) : undefined;
    const assigned = paymentId !== undefined ? await assignedView(ctx, paymentId) : null;
    // The confirmation names the booking and the receipt itself; the plain "Payment recorded." would say it twice.
    const flash = assigned && c.req.query('done') === 'bankAssigned' ? { flash: null } : {};
    const page = <BankStatementsPage {...frame} {...flash} error={extra.error} refusal={extra.refusal ?? null} assigned={assigned} waiting={await waitingViews(ctx)} statements={await statementList(ctx)} />;
    return c.html(page, extra.status ?? 200);
  }

  /** A body over a route's limit: the upload form again, saying how large a statement may be. */
  const tooLarge = (maxSize: number) =>
    bodyLimit({ maxSize, onError: async (c) => await renderMain(c as C, { error: frameOf(c as C, deps).tr.t('bank.file.tooBig', { mb: MB }), status: 413 }) });

  app.get('/imports/bank', async (c) => await renderMain(c));

  // Checked, never imported here: the page shows what importing would do and carries the file to the import.
  app.post('/imports/bank/check', tooLarge(UPLOAD_BYTES), async (c) => {
    await readForm(c);
    const ctx = actingCtxOf(c, deps);
    const frame = frameOf(c, deps, 'payments');
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) return await renderMain(c, { error: frame.tr.t('bank.file.required'), status: 400 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = nameOfFile(file.name);
    let result: BankImportResult;
    try {
      result = await importBankStatement(ctx, { bytes, name: name || null }, { dryRun: true });
    } catch (error) {
      const refused = fileRefusal(error, frame.tr);
      if (refused) return await renderMain(c, { error: refused, status: 400 });
      throw error;
    }
    const bookings = await bookingsOf(ctx, [
      ...result.matched.map((m) => m.dealId),
      ...result.refused.map((r) => r.dealId),
      ...result.alreadyImported.map((a) => a.dealId),
      ...result.unmatched.flatMap((u) => [...u.dealIds, ...u.suggestions.map((s) => s.dealId)]),
    ]);
    // Credits not on file yet: the import keeps them for a person (those already waiting stay as they are).
    const newWaiting = result.unmatched.filter((u) => u.bankEntryId === null).length;
    const carry = { file: Buffer.from(bytes).toString('base64url'), name };
    return c.html(<BankPreviewPage {...frame} fileName={name || frame.tr.t('bank.noFileName')} result={result} bookings={bookings} carry={carry} newWaiting={newWaiting} />);
  });

  // The checked file, read and matched again from its bytes: nothing of the check is trusted.
  app.post(
    '/imports/bank/import',
    tooLarge(CARRIED_BYTES),
    formAction(deps, {
      // A statement imported again records nothing new anyway: no question about the same file.
      once: { kind: 'payment', sameValues: false },
      field: 'file',
      run: async (ctx, form) => await importBankStatement(ctx, { bytes: carriedBytes(form.file), name: nameOfFile(form.name) || null }, { dryRun: false }),
      done: (result) => ({ to: `/imports/bank/statements/${result.statementId}`, code: 'bankImported' }),
      // The statement's page is where the confirmation goes: no second link to it.
      link: () => '',
      refused: async (c, refusal) => {
        const words = fileRefusal(refusal.error, frameOf(c, deps).tr);
        if (words) return await renderMain(c, { error: words, status: 400 });
        throw refusal.error;
      },
    }),
  );

  app.post(
    '/imports/bank/entries/:id/assign',
    bodyLimit({ maxSize: ASSIGN_BYTES, onError: () => Promise.reject(new DomainError('payload_too_large', `The form must be at most ${ASSIGN_BYTES} bytes`)) }),
    formAction(deps, {
      once: { kind: 'payment' },
      field: 'booking',
      run: async (ctx, form, c) => {
        const entryId = idParam(c, 'id', 'bank entry');
        const dealId = await chosenDeal(ctx, form, frameOf(c, deps).tr);
        try {
          return await assignBankEntry(ctx, entryId, { dealId });
        } catch (error) {
          // A booking number that names no booking is the person's typing, not a missing page.
          if (error instanceof DomainError && error.code === 'not_found' && error.message.startsWith('deal ')) throw invalid({ booking: frameOf(c, deps).tr.t('bank.assign.unknown') });
          throw error;
        }
      },
      done: (result) => ({ to: `/imports/bank?assigned=${result.payment.id}`, code: 'bankAssigned' }),
      link: (result) => (result.dealId !== null ? `/deals/${result.dealId}` : '/imports/bank'),
      refused: async (c, refusal) => {
        const tr = frameOf(c, deps).tr;
        const entryId = idParam(c, 'id', 'bank entry');
        return await renderMain(c, { refusal: { entryId, error: assignError(tr, refusal), values: { dealId: refusal.values.dealId, booking: refusal.values.booking } }, status: refusal.status });
      },
    }),
  );

  app.get('/imports/bank/statements/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const statement = await statementView(ctx, idParam(c, 'id', 'bank statement'));
    return c.html(<BankStatementPage {...frameOf(c, deps, 'payments')} statement={statement} />);
  });

  return app;
}
