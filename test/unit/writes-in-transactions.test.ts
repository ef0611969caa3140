import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

/** Functions that open or join a transaction and hand their callback its context. */
const TRANSACTION_OPENERS = new Set(['atomically', 'atomicallyWithoutFsync', 'inOneTransaction', 'ownTransaction', 'transact']);
/** The context types a write may use: given by one of the openers above. */
const IN_TRANSACTION = /\b(TxCtx|ActingTxCtx|Tx|InTx)\b/;
const WRITE_SQL = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** The SQL text of a string or template literal (interpolations left out). */
function sqlOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  return null;
}

/** Whether a raw write statement sits in code that was handed a transaction. */
function inTransaction(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isFunctionLike(at)) {
      if (at.parameters.some((p) => p.type && IN_TRANSACTION.test(p.type.getText()))) return true;
      const call = at.parent;
      if (call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && TRANSACTION_OPENERS.has(call.expression.text)) return true;
    }
  }
  return false;
}

describe('the data layer', () => {
  it('runs every raw INSERT, UPDATE and DELETE of the product in code handed a transaction (or opening one)', () => {
    const offences: string[] = [];
    for (const file of filesUnder(join(ROOT, 'src'))) {
      if (file.includes(`${join('src', 'db')}`)) continue;
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node)) {
          const callee = node.expression;
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
          const sqlArg = name === 'statement' || name === 'arrayStatement' ? node.arguments[1] : name === 'prepare' ? node.arguments[0] : undefined;
          const sql = sqlArg ? sqlOf(sqlArg) : null;
          // A statement named on the writer connection itself is deliberate (a value made once, joining what is open).
          const onWriter = name !== 'prepare' && /\bwriter\.sqlite$/.test(node.arguments[0]?.getText() ?? '');
          if (sql !== null && WRITE_SQL.test(sql) && !onWriter && !inTransaction(node)) {
            offences.push(`${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${sql.trim().split(/\s+/).slice(0, 3).join(' ')}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    // The rule is seen to look: the product has raw writes, in transactions.
    expect(offences).toEqual([]);
  });
});
