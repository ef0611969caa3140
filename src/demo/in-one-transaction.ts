import { engineOf, ownTransaction, within, type InTx, type Transactional } from '../db/transaction.js';

/**
 * Runs the whole demo set as one transaction: an agency gets all of it or, when any step is
 * refused, none of it (no trips without their bookings, no staff half set up).
 *
 * Writing the demo awaits a few things besides the database (hashing the staff's passwords,
 * reading the import files), which a transaction of a server may not. Holding the write lock
 * across those awaits is safe here and nowhere in a server: the demo owns its connection,
 * nothing else runs on it meanwhile, and every domain step inside joins this transaction as a
 * savepoint (its context carries it). A server on the same file keeps reading (WAL) and waits
 * its busy timeout to write.
 */
export async function inOneTransaction<C extends Transactional, T>(ctx: C, work: (ctx: C & InTx) => Promise<T>): Promise<T> {
  // Inside a caller's transaction, the caller commits or undoes it all.
  if (ctx.tx) return work(within(ctx, ctx.tx));
  return ownTransaction(engineOf(ctx.sqlite), (tx) => work(within(ctx, tx)), { holdAcrossAwaits: true });
}
