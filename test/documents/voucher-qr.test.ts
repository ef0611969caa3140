import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { voucherOf } from '../../src/domain/deals/index.js';
import { createContact, createDeal } from '../helpers/factories.js';
import { ARTIFACTS, havePoppler } from '../helpers/documents.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

// The package is CommonJS with a default export in its types: under Node's ESM the function is the module itself.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

let t: TestApp;
let token: string;

beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
  mkdirSync(ARTIFACTS, { recursive: true });
});

/** A printed or photographed voucher page, as pixels: the PDF rendered by poppler at `dpi`. */
function pageImage(pdf: Buffer, name: string, dpi: number) {
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, join(ARTIFACTS, name)]);
  return PNG.sync.read(readFileSync(join(ARTIFACTS, `${name}.png`)));
}

/**
 * The decoder the boarding page's scanner runs (the same jsQR build, served as /assets/jsqr.js)
 * finds the code on a whole rendered voucher page and reads the booking's link from it.
 */
describe.skipIf(!havePoppler)("the scanner's decoder reads a rendered voucher", () => {
  it('finds the QR code on the page at a phone photo\'s resolution and a coarse one, and reads the booking link', async () => {
    const deal = await createDeal(t, token, { contactId: (await createContact(t, token, { name: 'Иван Петров', locale: 'bg' })).id, travellers: [{ name: 'Иван Петров' }] });
    const response = await t.app.request(`/api/v1/deals/${deal.id}/voucher.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    const pdf = Buffer.from(await response.arrayBuffer());
    for (const dpi of [150, 72]) {
      const image = pageImage(pdf, `voucher-qr-${dpi}`, dpi);
      const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(code, `${dpi} dpi`).not.toBeNull();
      expect(code!.data).toBe((await voucherOf(t.ctx(), deal.id)).data.qr);
      expect(code!.data).toContain(deal.reference);
    }
    // The page the decoder is shown when the guide points at something else: no code, no guess.
    const blank = new PNG({ width: 200, height: 200 });
    blank.data.fill(255);
    expect(jsQR(new Uint8ClampedArray(blank.data), 200, 200)).toBeNull();
  });
});
