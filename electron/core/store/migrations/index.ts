/** The ordered list of migrations; versions must strictly increase by one. */
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-seats-history-policy';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
