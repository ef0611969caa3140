/**
 * How much of a file the desk reads. A spreadsheet is a zip that can inflate a thousandfold
 * (a 1 MB "bomb" to 300 MB of XML), so the inflated size, the rows and the cells are bounded
 * before and while it is read, and the reading itself runs in a worker thread with a heap and
 * a time of its own.
 */

/** The client base of a large agency fits; a bigger one is split. */
export const MAX_ROWS = 100_000;
/** Rows times columns: 100,000 rows of 30 columns. */
export const MAX_CELLS = 3_000_000;

/**
 * The inflated XML of one zip entry, and of the whole workbook. A 20 MB workbook of 100,000
 * clients with long notes inflates to about 110 MiB; the sheet is read as a stream, so what
 * it inflates to costs time, not memory, and these bounds keep that time to seconds.
 */
export const MAX_ENTRY_INFLATED_BYTES = 200 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** A workbook has a few dozen parts; thousands are a crafted archive. */
export const MAX_ZIP_ENTRIES = 2_000;

/** The worker's own heap: a file that needs more is refused, and the desk keeps its memory. */
export const READ_HEAP_MB = 1_024;
/** Reading and checking 100,000 rows takes well under a minute on a small server. */
export const READ_TIME_LIMIT_MS = 120_000;
/** Files read at once; the next waits its turn (two cores serve the desk as well). */
export const READS_AT_ONCE = 2;

export const MiB = (bytes: number) => Math.round(bytes / 1024 / 1024);
