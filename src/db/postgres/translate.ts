/**
 * The SQLite spellings the app's SQL uses, and their PostgreSQL twins.
 *
 * Every query is written once, in SQLite's dialect (drizzle's SQLite builder and the raw SQL
 * of the hot paths), and runs as written on SQLite. On PostgreSQL each distinct SQL text is
 * translated once by the named rules below and cached. The rules work on tokens, never inside
 * a string literal or a quoted name, and each rule is small enough to check by eye:
 *
 * - placeholders: `?` and `:name` / `@name` / `$name` become `$1..$n`;
 * - insertOrIgnore: `INSERT OR IGNORE` becomes `INSERT ... ON CONFLICT DO NOTHING`;
 * - identity: a `null` id in an INSERT's VALUES (drizzle's SQLite spelling of "the next id")
 *   is `DEFAULT`, which takes the identity's next value;
 * - jsonArrays: `json_each(x) [AS] t` becomes `json_array_elements_text(x::json) AS t(value)`,
 *   `json_extract(x, '$.key')` becomes `(x::json ->> 'key')`;
 * - booleans: `flag = 1` / `flag = 0` on a boolean column becomes `= true` / `= false`;
 * - scalars: `ifnull` is `coalesce`, two-argument `max`/`min` are `greatest`/`least`, `==` is `=`,
 *   `CAST(x AS INTEGER)` is bigint (instants pass 2^31), `CAST(x AS REAL)` is double precision;
 * - isDistinct: SQLite's `a IS b` / `a IS NOT b` compare any two values, NULL-safe; PostgreSQL
 *   spells that `IS NOT DISTINCT FROM` / `IS DISTINCT FROM`;
 * - like: `LIKE` is ASCII case-insensitive on SQLite, as `ILIKE` is under collation C;
 * - mixedCase: a camelCase name (an alias, or a reference to one) is quoted, or PostgreSQL
 *   would fold it to lower case;
 * - crossJoin: SQLite's `CROSS JOIN t ON ...` (an inner join whose order the planner keeps) is
 *   a plain `JOIN` (PostgreSQL's planner orders joins itself; its CROSS JOIN takes no ON);
 * - arithmetic: a parameter beside `+ - * /` is `::bigint`, since PostgreSQL would otherwise
 *   type it from the other operand (`:now + 86400000` as integer, and an instant overflows
 *   it); the app computes only with whole numbers (instants, minor units, counts);
 * - nullOrder: SQLite sorts NULL first ascending and last descending; each ORDER BY item says so.
 *
 * A spelling with no rule here (a function SQLite has and PostgreSQL lacks) fails loudly on
 * PostgreSQL when the query runs; the suite runs on both engines to find it.
 */

export interface Translated {
  sql: string;
  /** A name for the server-side prepared statement (parsed and planned once per connection). */
  name?: string;
  /** For named parameters: the name behind each `$n`, in order; null for positional `?`. */
  names: string[] | null;
}

type Kind = 'ws' | 'comment' | 'string' | 'quoted' | 'param' | 'word' | 'number' | 'punct';
interface Token {
  kind: Kind;
  text: string;
}

const LEXER =
  /(\s+)|(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*')|("(?:[^"]|"")*")|(\?\d*|[:@$][A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|(\|\||<=|>=|<>|!=|==|->>|->|::|[\s\S])/gy;
const KINDS: Kind[] = ['ws', 'comment', 'string', 'quoted', 'param', 'word', 'number', 'punct'];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  LEXER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (LEXER.lastIndex < sql.length && (match = LEXER.exec(sql))) {
    const group = match.findIndex((part, i) => i > 0 && part !== undefined);
    tokens.push({ kind: KINDS[group - 1]!, text: match[0] });
  }
  return tokens;
}

const word = (token: Token | undefined, ...texts: string[]) => token?.kind === 'word' && texts.includes(token.text.toUpperCase());
const punct = (token: Token | undefined, text: string) => token?.kind === 'punct' && token.text === text;
const columnName = (token: Token) => (token.kind === 'quoted' ? token.text.slice(1, -1).replaceAll('""', '"') : token.text);

/** The index of the next token that is not white space or a comment, from `i` on. */
function next(tokens: Token[], i: number): number {
  while (i < tokens.length && (tokens[i]!.kind === 'ws' || tokens[i]!.kind === 'comment')) i++;
  return i;
}
function previous(tokens: Token[], i: number): number {
  while (i >= 0 && (tokens[i]!.kind === 'ws' || tokens[i]!.kind === 'comment')) i--;
  return i;
}

/** The index of the `)` that closes the `(` at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (punct(tokens[i], '(')) depth++;
    else if (punct(tokens[i], ')') && --depth === 0) return i;
  }
  throw new Error('unbalanced parentheses in SQL');
}

/** The top-level arguments between `(` at `open` and its `)`, as token slices. */
function argumentsOf(tokens: Token[], open: number): Token[][] {
  const end = closing(tokens, open);
  const args: Token[][] = [[]];
  let depth = 0;
  for (let i = open + 1; i < end; i++) {
    const token = tokens[i]!;
    if (punct(token, '(')) depth++;
    if (punct(token, ')')) depth--;
    if (depth === 0 && punct(token, ',')) args.push([]);
    else args[args.length - 1]!.push(token);
  }
  return args;
}

const text = (tokens: Token[]) => tokens.map((t) => t.text).join('').trim();
const raw = (sqlText: string): Token => ({ kind: 'word', text: sqlText });

function placeholders(tokens: Token[]): string[] | null {
  let positional = 0;
  const names: string[] = [];
  for (const token of tokens) {
    if (token.kind !== 'param') continue;
    if (token.text.startsWith('?')) {
      if (token.text.length > 1) throw new Error('numbered ?NNN parameters are not used by the app');
      token.text = `$${++positional}`;
    } else {
      const name = token.text.slice(1);
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      token.text = `$${index + 1}`;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error('SQL mixes ? and named parameters');
  return names.length > 0 ? names : null;
}

function insertOrIgnore(tokens: Token[]): Token[] {
  const insert = next(tokens, 0);
  if (!word(tokens[insert], 'INSERT')) return tokens;
  const or = next(tokens, insert + 1);
  const ignore = next(tokens, or + 1);
  if (!word(tokens[or], 'OR') || !word(tokens[ignore], 'IGNORE')) return tokens;
  const out = [...tokens.slice(0, insert + 1), ...tokens.slice(ignore + 1)];
  let depth = 0;
  let at = out.length;
  for (let i = 0; i < out.length; i++) {
    if (punct(out[i], '(')) depth++;
    if (punct(out[i], ')')) depth--;
    if (depth === 0 && word(out[i], 'RETURNING')) {
      at = i;
      break;
    }
  }
  out.splice(at, 0, raw(' ON CONFLICT DO NOTHING '));
  return out;
}

function identity(tokens: Token[]): void {
  const insert = next(tokens, 0);
  if (!word(tokens[insert], 'INSERT')) return;
  const open = tokens.findIndex((t, i) => i > insert && punct(t, '('));
  if (open < 0) return;
  const columns = argumentsOf(tokens, open).map((column) => text(column));
  const id = columns.findIndex((column) => column === '"id"' || column === 'id');
  if (id < 0) return;
  let values = next(tokens, closing(tokens, open) + 1);
  if (!word(tokens[values], 'VALUES')) return;
  let tuple = next(tokens, values + 1);
  while (punct(tokens[tuple], '(')) {
    let depth = 0;
    let position = 0;
    const end = closing(tokens, tuple);
    for (let i = tuple + 1; i < end; i++) {
      const token = tokens[i]!;
      if (punct(token, '(')) depth++;
      else if (punct(token, ')')) depth--;
      else if (depth === 0 && punct(token, ',')) position++;
      else if (depth === 0 && position === id && word(token, 'NULL')) tokens[i] = raw('DEFAULT');
    }
    values = next(tokens, end + 1);
    if (!punct(tokens[values], ',')) break;
    tuple = next(tokens, values + 1);
  }
}

function jsonArrays(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const open = next(tokens, i + 1);
    if (word(token, 'JSON_EACH') && punct(tokens[open], '(')) {
      const end = closing(tokens, open);
      const argument = text(jsonArrays(tokens.slice(open + 1, end)));
      let after = next(tokens, end + 1);
      if (word(tokens[after], 'AS')) after = next(tokens, after + 1);
      const aliasToken = tokens[after];
      const hasAlias = aliasToken?.kind === 'word' && !word(aliasToken, 'WHERE', 'ON', 'JOIN', 'GROUP', 'ORDER', 'LIMIT', 'UNION', 'CROSS', 'LEFT', 'INNER');
      const alias = hasAlias ? aliasToken.text : 'json_each';
      out.push(raw(`json_array_elements_text((${argument})::json) AS ${alias}(value)`));
      i = hasAlias ? after : end;
      continue;
    }
    if (word(token, 'JSON_EXTRACT') && punct(tokens[open], '(')) {
      const [value, path] = argumentsOf(tokens, open).map((arg) => text(jsonArrays(arg)));
      const key = /^'\$\.([A-Za-z_][A-Za-z0-9_]*)'$/.exec(path ?? '');
      if (!key) throw new Error(`json_extract path ${path} has no PostgreSQL twin here`);
      out.push(raw(`((${value})::json ->> '${key[1]}')`));
      i = closing(tokens, open);
      continue;
    }
    out.push(token);
  }
  return out;
}

function booleans(tokens: Token[], booleanColumns: ReadonlySet<string>): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token.kind !== 'word' && token.kind !== 'quoted') || !booleanColumns.has(columnName(token))) continue;
    const operator = next(tokens, i + 1);
    const value = next(tokens, operator + 1);
    const op = tokens[operator];
    if (op?.kind !== 'punct' || !['=', '==', '!=', '<>'].includes(op.text)) continue;
    if (tokens[value]?.kind === 'number' && (tokens[value]!.text === '0' || tokens[value]!.text === '1')) {
      tokens[value] = raw(tokens[value]!.text === '1' ? 'true' : 'false');
    }
  }
}

function scalars(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (punct(token, '==')) token.text = '=';
    if (token.kind !== 'word') continue;
    const open = next(tokens, i + 1);
    const upper = token.text.toUpperCase();
    if (upper === 'IFNULL' && punct(tokens[open], '(')) token.text = 'coalesce';
    if ((upper === 'MAX' || upper === 'MIN') && punct(tokens[open], '(') && argumentsOf(tokens, open).length > 1) {
      token.text = upper === 'MAX' ? 'greatest' : 'least';
    }
    if (upper === 'LIKE') token.text = 'ILIKE';
    if (upper === 'IS') {
      const not = next(tokens, i + 1);
      const negated = word(tokens[not], 'NOT');
      const operand = negated ? next(tokens, not + 1) : not;
      if (!word(tokens[operand], 'NULL', 'TRUE', 'FALSE', 'DISTINCT', 'UNKNOWN')) {
        token.text = negated ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM';
        if (negated) tokens[not] = raw('');
      }
    }
    if (upper === 'AS') {
      const after = next(tokens, i + 1);
      const target = tokens[after];
      if (target?.kind === 'word' && isCastType(tokens, previous(tokens, i - 1))) {
        const type = target.text.toUpperCase();
        if (type === 'INTEGER' || type === 'INT') target.text = 'bigint';
        else if (type === 'REAL') target.text = 'double precision';
      }
    }
    if (upper === 'CROSS' && word(tokens[next(tokens, i + 1)], 'JOIN')) {
      // CROSS JOIN table [alias] ON ...: the ON makes it an inner join.
      let after = next(tokens, next(tokens, i + 1) + 1);
      after = next(tokens, after + 1);
      if (tokens[after]?.kind === 'word' && !word(tokens[after], 'ON')) after = next(tokens, after + 1);
      if (word(tokens[after], 'ON')) token.text = 'INNER';
    }
  }
}

function mixedCase(tokens: Token[]): void {
  for (const token of tokens) {
    if (token.kind === 'word' && /[a-z]/.test(token.text) && /[A-Z]/.test(token.text)) token.text = `"${token.text}"`;
  }
}

function arithmetic(tokens: Token[]): void {
  const operators = ['+', '-', '*', '/'];
  tokens.forEach((token, i) => {
    if (token.kind !== 'param') return;
    const before = tokens[previous(tokens, i - 1)];
    const after = tokens[next(tokens, i + 1)];
    if (operators.some((op) => punct(before, op) || punct(after, op))) token.text = `${token.text}::bigint`;
  });
}

/** Whether the AS after token `before` sits directly inside CAST(...). */
function isCastType(tokens: Token[], before: number): boolean {
  let depth = 0;
  for (let i = before; i >= 0; i--) {
    if (punct(tokens[i], ')')) depth++;
    else if (punct(tokens[i], '(')) {
      if (depth === 0) return word(tokens[previous(tokens, i - 1)], 'CAST');
      depth--;
    }
  }
  return false;
}

function nullOrder(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const ends = ['LIMIT', 'OFFSET', 'UNION', 'FOR', 'RETURNING'];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    out.push(token);
    const by = next(tokens, i + 1);
    if (!word(token, 'ORDER') || !word(tokens[by], 'BY')) continue;
    out.push(...tokens.slice(i + 1, by + 1));
    let depth = 0;
    let item: Token[] = [];
    const flush = () => {
      const meaningful = item.filter((t) => t.kind !== 'ws' && t.kind !== 'comment');
      const last = meaningful[meaningful.length - 1];
      const said = meaningful.some((t) => word(t, 'NULLS'));
      out.push(...item);
      if (last && !said) out.push(raw(word(last, 'DESC') ? ' NULLS LAST' : ' NULLS FIRST'));
      item = [];
    };
    let j = by + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (depth === 0 && (punct(t, ')') || punct(t, ';') || word(t, ...ends))) break;
      if (punct(t, '(')) depth++;
      if (punct(t, ')')) depth--;
      if (depth === 0 && punct(t, ',')) {
        flush();
        out.push(t);
        continue;
      }
      item.push(t);
    }
    const trailing: Token[] = [];
    while (item.length > 0 && (item[item.length - 1]!.kind === 'ws' || item[item.length - 1]!.kind === 'comment')) trailing.unshift(item.pop()!);
    flush();
    out.push(...trailing);
    i = j - 1;
  }
  return out;
}

/** Translates one SQLite statement of the app into PostgreSQL. */
export function translate(sql: string, booleanColumns: ReadonlySet<string>): Translated {
  let tokens = tokenize(sql);
  mixedCase(tokens);
  const names = placeholders(tokens);
  arithmetic(tokens);
  tokens = insertOrIgnore(tokens);
  identity(tokens);
  tokens = jsonArrays(tokens);
  booleans(tokens, booleanColumns);
  scalars(tokens);
  tokens = nullOrder(tokens);
  return { sql: tokens.map((t) => t.text).join(''), names };
}
