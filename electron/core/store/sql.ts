/** The `sql` tagged template: every interpolation becomes a bound parameter, by construction. */
export type SqlValue = string | number | bigint | Buffer | null;

export class Sql {
  constructor(
    readonly text: string,
    readonly values: readonly SqlValue[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Sql)[]): Sql {
  let text = strings[0] ?? '';
  const bound: SqlValue[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      bound.push(...value.values);
    } else {
      text += '?';
      bound.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return new Sql(text, bound);
}

/** Joins fragments (e.g. the rows of a multi-row INSERT) keeping their parameters bound. */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return new Sql(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.values),
  );
}
