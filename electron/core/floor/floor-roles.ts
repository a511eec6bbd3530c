/**
 * 楼层角色 — a floor's PostgreSQL role names, from its database name (docs/floor-schema.md,
 * "Roles"). Role names are cluster-wide, so each carries the database's name.
 */
import { normaliseSeatId } from '../../../shared/seat-id';
import { fail } from '../errors';

/** A floor's database: a plain lower-case identifier, short enough that every role name fits 63 bytes. */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,39}$/;
/** What quoteIdentifier accepts: plain, lower-case, within PostgreSQL's 63-byte limit. */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema every floor object lives in. */
export const FLOOR_SCHEMA = 'strongroom';

export interface FloorRoles {
  readonly database: string;
  /** Owns the schema and everything in it; NOLOGIN, never used by a seat. */
  readonly owner: string;
  /** The group every seat role belongs to; holds the seats' grants. NOLOGIN. */
  readonly seats: string;
  /** The login role of one seat (its client certificate's CN). */
  seatRole(seatId: string): string;
}

/**
 * Double-quotes an identifier we built ourselves. Anything but a plain lower-case identifier is
 * refused rather than escaped: a role or schema name never needs more, and quoting a strange
 * name correctly is not the same as it being the name meant.
 */
export function quoteIdentifier(name: string): string {
  if (!PLAIN_IDENTIFIER.test(name)) throw new RangeError('not a plain identifier');
  return `"${name}"`;
}

export function floorRoles(database: string): FloorRoles {
  // pg_ is reserved for PostgreSQL's own roles: `pg_x_owner` could not be created.
  if (!DATABASE_NAME.test(database) || database.startsWith('pg_')) fail('INPUT_REJECTED', 'floor.badDatabaseName');
  return {
    database,
    owner: `${database}_owner`,
    seats: `${database}_seats`,
    seatRole(seatId: string): string {
      const id = normaliseSeatId(seatId);
      if (id === null) fail('INPUT_REJECTED', 'seat.invalid');
      // XXXX-XXXX-XXXX in Crockford base 32 → xxxx_xxxx_xxxx: 40 + 6 + 14 = 60 bytes at most.
      return `${database}_seat_${id.toLowerCase().replaceAll('-', '_')}`;
    },
  };
}

/** The seat id a seat role was made for, or null for a role that is not one of this floor's seats. */
export function seatIdOfRole(database: string, role: string): string | null {
  const prefix = `${database}_seat_`;
  if (!role.startsWith(prefix)) return null;
  const id = normaliseSeatId(role.slice(prefix.length).replaceAll('_', '-').toUpperCase());
  return id;
}
