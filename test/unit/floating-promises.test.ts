import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The project as the compiler sees it, with types. */
function program(): ts.Program {
  const configPath = ts.findConfigFile(ROOT, ts.sys.fileExists, 'tsconfig.json')!;
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  return ts.createProgram(parsed.fileNames, parsed.options);
}

const isPromise = (checker: ts.TypeChecker, type: ts.Type): boolean =>
  type.getSymbol()?.getName() === 'Promise' || (type.isUnion() && type.types.some((t) => isPromise(checker, t)));

describe('the data layer', () => {
  it('leaves no promise unawaited: a call whose promise nobody awaits, or an expectation of a promise', { timeout: 120_000 }, () => {
    const built = program();
    const checker = built.getTypeChecker();
    const offences: string[] = [];
    for (const source of built.getSourceFiles()) {
      if (source.isDeclarationFile || source.fileName.includes('node_modules')) continue;
      const where = (node: ts.Node) => `${relative(ROOT, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && isPromise(checker, checker.getTypeAtLocation(node))) {
          const parent = node.parent;
          // Dropped on the floor: its failure goes unseen and what follows does not wait for it
          // (write `void` before a call whose result is deliberately not waited for).
          if (ts.isExpressionStatement(parent)) offences.push(`${where(node)} not awaited: ${node.getText().slice(0, 60)}`);
          // expect(promise).toBe(...) compares a promise: it needs await, or .resolves/.rejects.
          if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'expect' && parent.arguments[0] === node) {
            const next = parent.parent;
            if (!(ts.isPropertyAccessExpression(next) && (next.name.text === 'resolves' || next.name.text === 'rejects'))) offences.push(`${where(node)} expects a promise: ${node.getText().slice(0, 60)}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offences).toEqual([]);
  });
});
