/**
 * How PII text is stored (docs/field-seal.md). The embedded store's whole file is encrypted, so
 * a value is stored as it is. On a floor the server may see no name and no free text, so the
 * client seals each value before it is sent: names (usernames) deterministically, so equality,
 * uniqueness and GROUP BY still work on the server; free text afresh each time.
 */
import { fail } from '../errors';
import { joinSql, sql, type Sql } from './sql';

export interface FieldSeal {
  /** A name compared for equality (a username): the same name always seals the same. */
  name(text: string): string;
  /** The name as each key epoch sealed it (newest first): what a lookup in older rows must match. */
  names(text: string): string[];
  /** Free text (a display name, a reason): sealed afresh each time. */
  text(text: string): string;
  /** The text a stored value holds. */
  open(stored: string): string;
}

/** The embedded store: its file is the seal. */
export const plainFields: FieldSeal = {
  name: (text) => text,
  names: (text) => [text],
  text: (text) => text,
  open: (stored) => stored,
};

/**
 * A floor's connection: no keys until a vault signs in (or is created), then the cipher it
 * gives. Before that, sealing or opening anything is a bug in the caller, not a user error.
 */
export class FieldsHolder implements FieldSeal {
  private seal: (FieldSeal & { wipe(): void }) | null = null;

  use(seal: FieldSeal & { wipe(): void }): void {
    this.seal?.wipe();
    this.seal = seal;
  }

  /** Puts `seal` in place and returns the one it replaces, unwiped (a rotation may still roll back). */
  swap(seal: FieldSeal & { wipe(): void }): (FieldSeal & { wipe(): void }) | null {
    const before = this.seal;
    this.seal = seal;
    return before;
  }

  wipe(): void {
    this.seal?.wipe();
    this.seal = null;
  }

  private get keys(): FieldSeal {
    if (!this.seal) fail('NO_SESSION', 'session.locked');
    return this.seal;
  }

  name(text: string): string {
    return this.keys.name(text);
  }
  names(text: string): string[] {
    return this.keys.names(text);
  }
  text(text: string): string {
    return this.keys.text(text);
  }
  open(stored: string): string {
    return this.keys.open(stored);
  }
}

/** `IN (…)` every seal of the name (`column ${nameIn(…)}`; `NOT ${…}` for the opposite). */
export function nameIn(fields: FieldSeal, name: string): Sql {
  return sql`IN (${joinSql(
    fields.names(name).map((n) => sql`${n}`),
    ', ',
  )})`;
}
