/**
 * Finds the `@Name` parameters of a scenario's SQL text, skipping string literals, quoted
 * identifiers and comments, so that the executor knows which variables to bind and the runtime can
 * translate each `@Name` to its driver's placeholder without ever touching the values.
 *
 * Pure and browser-safe: the designer may use it too (to flag an `@Name` with no variable).
 */

export interface SqlParameterRef {
  /** Without the `@`. */
  name: string;
  /** Offsets of `@Name` in the text (end exclusive). */
  start: number;
  end: number;
  /**
   * T-SQL assignment (`SELECT @Count = COUNT(*)`, `SET @Count = ...`): the database writes the
   * value, so MSSQL binds it as an OUTPUT parameter and the variable receives it.
   */
  assigned: boolean;
}

export interface ScannedSql {
  /** Every `@Name` reference in order, local `DECLARE`d names and `@@system` values excluded. */
  refs: SqlParameterRef[];
  /** Names bound from variables, in order of first appearance, each once. */
  names: string[];
  /** Names assigned by the query (MSSQL output parameters). */
  assigned: string[];
}

type Token =
  | { kind: 'word'; upper: string }
  | { kind: 'param'; name: string; start: number; end: number }
  | { kind: 'number' }
  | { kind: 'punct'; text: string }
  /** A string literal or quoted identifier: it counts as a token for the context, its text never does. */
  | { kind: 'literal' };

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_$#]/;
const PARAM_PART = /[A-Za-z0-9_]/;

/** Words that end a select list or a SET list at the same nesting level. */
const CLAUSE_WORDS = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'INTO',
  'OPTION',
  'FOR',
  'OUTPUT',
  'RETURNING',
  'LIMIT',
  'OFFSET',
  'WINDOW',
]);
/** Words that start a new statement (and so end a DECLARE list). */
const STATEMENT_WORDS = new Set([
  'SELECT',
  'SET',
  'UPDATE',
  'INSERT',
  'DELETE',
  'MERGE',
  'EXEC',
  'EXECUTE',
  'IF',
  'WHILE',
  'BEGIN',
  'RETURN',
  'WITH',
  'DECLARE',
]);
/** Words allowed between SELECT and the first item: `SELECT DISTINCT TOP (1) WITH TIES @x = ...`. */
const SELECT_PREFIX_WORDS = new Set(['DISTINCT', 'ALL', 'TOP', 'PERCENT', 'WITH', 'TIES']);

/** Splits SQL into the tokens that matter for finding parameters. */
function tokenize(sql: string, backslashEscapes: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      // Block comments nest in T-SQL and PostgreSQL; counting depth is right for both and harmless elsewhere.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth += 1;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth -= 1;
          i += 2;
        } else i += 1;
      }
    } else if (c === "'" || c === '"' || c === '`') {
      // A doubled quote is an escaped quote inside the literal; a backslash escapes only in MySQL.
      i += 1;
      while (i < n) {
        if (backslashEscapes && sql[i] === '\\') i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) {
          i += 1;
          break;
        } else i += 1;
      }
      tokens.push({ kind: 'literal' });
    } else if (c === '[') {
      // T-SQL bracketed identifier, `]]` escapes a bracket.
      i += 1;
      while (i < n) {
        if (sql[i] === ']' && sql[i + 1] === ']') i += 2;
        else if (sql[i] === ']') {
          i += 1;
          break;
        } else i += 1;
      }
      tokens.push({ kind: 'literal' });
    } else if (c === '$' && /[A-Za-z_$]/.test(next ?? '') && dollarTag(sql, i)) {
      // PostgreSQL dollar quoting: $$...$$ or $tag$...$tag$.
      const tag = dollarTag(sql, i)!;
      const close = sql.indexOf(tag, i + tag.length);
      i = close < 0 ? n : close + tag.length;
      tokens.push({ kind: 'literal' });
    } else if (c === '@') {
      if (next === '@') {
        // @@ROWCOUNT and friends (or PostgreSQL's @@ operator): never a scenario variable.
        i += 2;
        while (i < n && PARAM_PART.test(sql[i]!)) i += 1;
        tokens.push({ kind: 'literal' });
      } else if (next !== undefined && IDENT_START.test(next)) {
        const start = i;
        i += 1;
        while (i < n && PARAM_PART.test(sql[i]!)) i += 1;
        tokens.push({ kind: 'param', name: sql.slice(start + 1, i), start, end: i });
      } else {
        tokens.push({ kind: 'punct', text: '@' });
        i += 1;
      }
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < n && IDENT_PART.test(sql[i]!)) i += 1;
      tokens.push({ kind: 'word', upper: sql.slice(start, i).toUpperCase() });
    } else if (/[0-9]/.test(c)) {
      while (i < n && /[0-9.eE]/.test(sql[i]!)) i += 1;
      tokens.push({ kind: 'number' });
    } else {
      // Operators: `=` alone is an assignment candidate; `==`, `=>`, `<=`, `>=`, `!=` are not.
      if ('<>!=:+-*/%&|^~'.includes(c)) {
        let j = i;
        while (j < n && '<>!=:+-*/%&|^~'.includes(sql[j]!) && !(sql[j] === '-' && sql[j + 1] === '-')) j += 1;
        tokens.push({ kind: 'punct', text: sql.slice(i, Math.max(j, i + 1)) });
        i = Math.max(j, i + 1);
      } else {
        tokens.push({ kind: 'punct', text: c });
        i += 1;
      }
    }
  }
  return tokens;
}

function dollarTag(sql: string, at: number): string | undefined {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(at, at + 66));
  return match?.[0];
}

interface Level {
  /** Inside the item list of a SELECT or a SET at this nesting level. */
  list: boolean;
  /** The next token starts an item of that list (right after SELECT, SET or a comma). */
  itemStart: boolean;
  /** Inside `TOP n` / `TOP (n)`: the item has not started yet. */
  inTop: boolean;
  /** Inside a DECLARE list: `@Name` at an item start is a local variable. */
  declaring: boolean;
}

const freshLevel = (): Level => ({ list: false, itemStart: false, inTop: false, declaring: false });

export interface ScanOptions {
  /** MySQL/MariaDB strings treat `\\` as an escape; standard SQL (T-SQL, PostgreSQL, SQLite) does not. */
  backslashEscapes?: boolean;
}

export function scanSqlParameters(sql: string, options: ScanOptions = {}): ScannedSql {
  const tokens = tokenize(sql, options.backslashEscapes ?? false);
  const refs: SqlParameterRef[] = [];
  const locals = new Set<string>();
  const stack: Level[] = [freshLevel()];
  const level = () => stack[stack.length - 1]!;

  for (let t = 0; t < tokens.length; t += 1) {
    const token = tokens[t]!;
    const current = level();
    if (token.kind === 'word') {
      const word = token.upper;
      if (word === 'SELECT' || word === 'SET') {
        Object.assign(current, { list: true, itemStart: true, inTop: false, declaring: false });
      } else if (word === 'DECLARE') {
        Object.assign(current, { list: false, itemStart: true, inTop: false, declaring: true });
      } else if (current.declaring && STATEMENT_WORDS.has(word)) {
        Object.assign(current, freshLevel());
      } else if (CLAUSE_WORDS.has(word)) {
        Object.assign(current, { list: false, itemStart: false, inTop: false });
      } else if (current.list && current.itemStart && SELECT_PREFIX_WORDS.has(word)) {
        if (word === 'TOP') current.inTop = true;
      } else {
        current.itemStart = false;
      }
    } else if (token.kind === 'param') {
      if (current.declaring && current.itemStart) {
        locals.add(token.name.toLowerCase());
        current.itemStart = false;
        continue;
      }
      const following = tokens[t + 1];
      const assigned =
        current.list &&
        current.itemStart &&
        !current.inTop &&
        following?.kind === 'punct' &&
        (following.text === '=' || /^[+\-*/%&|^]=$/.test(following.text));
      refs.push({ name: token.name, start: token.start, end: token.end, assigned });
      current.itemStart = false;
    } else if (token.kind === 'punct' && token.text === '(') {
      stack.push(freshLevel());
    } else if (token.kind === 'punct' && token.text === ')') {
      if (stack.length > 1) stack.pop();
      const outer = level();
      // `TOP (10)`: the parenthesis closes the count, the first item still comes.
      if (outer.inTop) outer.inTop = false;
      else outer.itemStart = false;
    } else if (token.kind === 'punct' && token.text === ',') {
      if (current.list || current.declaring) current.itemStart = true;
    } else if (token.kind === 'punct' && token.text === ';') {
      Object.assign(current, freshLevel());
    } else if (token.kind === 'number' && current.inTop) {
      current.inTop = false;
    } else {
      current.itemStart = false;
    }
  }

  // T-SQL names are case-insensitive: a DECLAREd @total hides a variable named Total too.
  const bound = refs.filter((ref) => !locals.has(ref.name.toLowerCase()));
  const names: string[] = [];
  const assigned: string[] = [];
  for (const ref of bound) {
    if (!names.includes(ref.name)) names.push(ref.name);
    if (ref.assigned && !assigned.includes(ref.name)) assigned.push(ref.name);
  }
  return { refs: bound, names, assigned };
}
