import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The import graph of the product's own code (madge reads the TypeScript, type imports included). */
async function graph() {
  const result = await madge(['src', 'templates'], {
    baseDir: ROOT,
    fileExtensions: ['ts', 'tsx'],
    tsConfig: `${ROOT}tsconfig.json`,
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  return result;
}

describe('the house', () => {
  it('has no import cycle', { timeout: 60_000 }, async () => {
    expect((await graph()).circular()).toEqual([]);
  });

  it('the domain imports no HTTP, pages, templates, mail or notifier; templates never touch the database', { timeout: 60_000 }, async () => {
    const deps: Record<string, string[]> = (await graph()).obj();
    // The graph is read as paths from the root: a known edge proves the rule below can see.
    expect(deps['src/http/api/deals.ts']).toContain('src/domain/deals/index.ts');
    const offences: string[] = [];
    for (const [file, imports] of Object.entries(deps)) {
      for (const target of imports) {
        if (file.startsWith('src/domain/') && /^(src\/(http|notifier|mail|documents)\/|templates\/)/.test(target)) offences.push(`${file} -> ${target}`);
        if (file.startsWith('templates/') && target.startsWith('src/db/')) offences.push(`${file} -> ${target}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
