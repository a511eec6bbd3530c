/**
 * The `sql` tagged template: every interpolation becomes a bound parameter, by construction.
 * A query keeps its literal parts and its values apart; each driver renders its own
 * placeholders (`?` for SQLite, `$1…` for PostgreSQL). Never string-replace `?` in rendered
 * text: on PostgreSQL it is also a jsonb operator.
 */
export type SqlValue = string | number | bigint | Buffer | null;

export type Placeholders = 'question' | 'dollar';

export class Sql {
  /** `parts.length === values.length + 1`: text, value, text, …, text. */
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly SqlValue[],
  ) {
    if (parts.length !== values.length + 1) throw new RangeError('sql: parts and values do not interleave');
  }

  render(style: Placeholders): string {
    let text = this.parts[0]!;
    for (let i = 1; i < this.parts.length; i += 1) text += (style === 'question' ? '?' : `$${i}`) + this.parts[i]!;
    return text;
  }

  /** SQLite's form, for tests and messages that show a query's shape. */
  get text(): string {
    return this.render('question');
  }
}

function build(pieces: readonly (string | Sql)[], bound: readonly (SqlValue | Sql)[]): Sql {
  const parts: string[] = [''];
  const values: SqlValue[] = [];
  const text = (s: string): void => {
    parts[parts.length - 1] += s;
  };
  const add = (piece: string | Sql): void => {
    if (typeof piece === 'string') return text(piece);
    piece.parts.forEach((p, i) => {
      if (i > 0) {
        values.push(piece.values[i - 1]!);
        parts.push('');
      }
      text(p);
    });
  };
  pieces.forEach((piece, i) => {
    add(piece);
    if (i < bound.length) {
      const value = bound[i]!;
      if (value instanceof Sql) add(value);
      else {
        values.push(value);
        parts.push('');
      }
    }
  });
  return new Sql(parts, values);
}

export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Sql)[]): Sql {
  return build([...strings], values);
}

/** Joins fragments (e.g. the rows of a multi-row INSERT) keeping their parameters bound. */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  const pieces: (string | Sql)[] = [];
  parts.forEach((p, i) => {
    if (i > 0) pieces.push(separator);
    pieces.push(p);
  });
  return build(pieces, []);
}

/**
 * Trusted constant SQL text (an identifier or keyword chosen from our own code, never input),
 * for the few places a parameter can't go.
 */
export function rawSql(text: string): Sql {
  return new Sql([text], []);
}
