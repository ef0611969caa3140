import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where document tests leave the PDFs, PNGs and spreadsheets they made, to be looked at. */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'documents');

/** poppler-utils reads PDFs back (text, word boxes, pages as PNG); .ci/run installs it. */
export const havePoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');
if (!havePoppler) console.warn('PDF checks skipped: poppler-utils (pdftotext, pdftoppm) is not installed; .ci/run installs it');
