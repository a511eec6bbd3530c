/**
 * The schema: every domain's migrations in one ordered list. The steps of one version (one per
 * domain that changed) run together in one transaction; versions strictly increase by one.
 */
import { access0002 } from '../access/migrations/0002-role-permissions';
import { access0003 } from '../access/migrations/0003-separation-of-duties';
import { accounts0001 } from '../accounts/migrations/0001-accounts';
import { keyring0003 } from '../keyring/migrations/0003-key-epochs';
import { accounts0002 } from '../accounts/migrations/0002-password-history';
import { audit0001 } from '../audit/migrations/0001-audit-events';
import { policy0002 } from '../policy/migrations/0002-policy';
import { seats0002 } from '../seats/migrations/0002-seats';
import { meta0001 } from '../vault/migrations/0001-meta';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** In the order they run: a table comes after the tables it references. */
const STEPS: readonly Migration[] = [
  meta0001,
  accounts0001,
  audit0001,
  accounts0002,
  seats0002,
  access0002,
  policy0002,
  access0003,
  keyring0003,
];

function byVersion(steps: readonly Migration[]): Migration[] {
  const out: Migration[] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (last?.version === step.version) {
      last.name = `${last.name}+${step.name}`;
      last.up = `${last.up}\n${step.up}`;
    } else {
      if (step.version !== (last?.version ?? 0) + 1) throw new Error(`migration ${step.name} is out of order`);
      out.push({ ...step });
    }
  }
  return out;
}

export const MIGRATIONS: readonly Migration[] = byVersion(STEPS);
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
