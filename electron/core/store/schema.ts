/**
 * The schema: every domain's migrations in one ordered list. The steps of one version (one per
 * domain that changed) run together in one transaction; versions strictly increase by one.
 */
import { access0002 } from '../access/migrations/0002-role-permissions';
import { access0002Pg } from '../access/migrations/0002-role-permissions.pg';
import { access0003 } from '../access/migrations/0003-separation-of-duties';
import { access0003Pg } from '../access/migrations/0003-separation-of-duties.pg';
import { access0011 } from '../access/migrations/0011-case-permissions';
import { access0012 } from '../access/migrations/0012-workspace-permissions';
import { access0013 } from '../access/migrations/0013-conduct-permissions';
import { complaints0013, complaints0013Pg } from '../complaints/migrations/0013-complaints';
import { contacts0013, contacts0013Pg } from '../contacts/migrations/0013-contacts';
import { holidays0013, holidays0013Pg } from '../holidays/migrations/0013-holidays';
import { visits0013, visits0013Pg } from '../visits/migrations/0013-visits';
import { accounts0001 } from '../accounts/migrations/0001-accounts';
import { accounts0001Pg } from '../accounts/migrations/0001-accounts.pg';
import { accounts0002 } from '../accounts/migrations/0002-password-history';
import { accounts0002Pg } from '../accounts/migrations/0002-password-history.pg';
import { audit0001 } from '../audit/migrations/0001-audit-events';
import { audit0001Pg } from '../audit/migrations/0001-audit-events.pg';
import { floor0004, floor0004Pg } from '../floor/migrations/0004-floor.pg';
import { audit0005Pg } from '../audit/migrations/0005-audit-pending.pg';
import { audit0008, audit0008Pg } from '../audit/migrations/0008-audit-append.pg';
import { audit0009, audit0009Pg } from '../audit/migrations/0009-audit-chained.pg';
import { cases0011 } from '../cases/migrations/0011-cases';
import { cases0011Pg } from '../cases/migrations/0011-cases.pg';
import { cases0012, cases0012Pg } from '../cases/migrations/0012-assignment';
import { cases0013, cases0013Pg } from '../cases/migrations/0013-contact-columns';
import { cases0014, cases0014Pg } from '../cases/migrations/0014-token-columns';
import { teams0012, teams0012Pg } from '../teams/migrations/0012-teams';
import { import0011, import0011Pg } from '../import/migrations/0011-import-templates';
import { floor0006, floor0006Pg } from '../floor/migrations/0006-sign-in-throttle.pg';
import { floor0007, floor0007Pg } from '../floor/migrations/0007-sealed-names.pg';
import { floor0010, floor0010Pg } from '../floor/migrations/0010-key-rotation.pg';
import { keyring0003 } from '../keyring/migrations/0003-key-epochs';
import { keyring0003Pg } from '../keyring/migrations/0003-key-epochs.pg';
import { policy0002 } from '../policy/migrations/0002-policy';
import { policy0002Pg } from '../policy/migrations/0002-policy.pg';
import { seats0002 } from '../seats/migrations/0002-seats';
import { seats0002Pg } from '../seats/migrations/0002-seats.pg';
import { meta0001 } from '../vault/migrations/0001-meta';
import { meta0001Pg } from '../vault/migrations/0001-meta.pg';

export interface Migration {
  version: number;
  name: string;
  /** SQLite (the embedded store). */
  up: string;
  /** PostgreSQL (the floor); empty where the step has nothing to do there. */
  postgres: string;
  /**
   * PostgreSQL: the oldest client schema version that still runs correctly once this step is
   * applied (a floor's seats don't all upgrade at once). Without it, only clients at least
   * this new may run.
   */
  compat?: number;
}

const both = (step: { version: number; name: string; up: string }, postgres: string): Migration => ({
  ...step,
  postgres,
});

/** In the order they run: a table comes after the tables it references. */
const STEPS: readonly Migration[] = [
  both(meta0001, meta0001Pg),
  both(accounts0001, accounts0001Pg),
  both(audit0001, audit0001Pg),
  both(accounts0002, accounts0002Pg),
  both(seats0002, seats0002Pg),
  both(access0002, access0002Pg),
  both(policy0002, policy0002Pg),
  both(access0003, access0003Pg),
  both(keyring0003, keyring0003Pg),
  both(floor0004, floor0004Pg),
  both({ version: 5, name: 'audit-pending', up: '' }, audit0005Pg),
  { ...floor0006, postgres: floor0006Pg },
  { ...floor0007, postgres: floor0007Pg },
  { ...audit0008, postgres: audit0008Pg },
  { ...audit0009, postgres: audit0009Pg },
  { ...floor0010, postgres: floor0010Pg },
  { ...cases0011, postgres: cases0011Pg, compat: 10 },
  { ...access0011, postgres: access0011.up, compat: 10 },
  { ...import0011, postgres: import0011Pg, compat: 10 },
  { ...teams0012, postgres: teams0012Pg, compat: 11 },
  { ...cases0012, postgres: cases0012Pg, compat: 11 },
  { ...access0012, postgres: access0012.up, compat: 11 },
  { ...holidays0013, postgres: holidays0013Pg, compat: 12 },
  { ...contacts0013, postgres: contacts0013Pg, compat: 12 },
  { ...complaints0013, postgres: complaints0013Pg, compat: 12 },
  { ...cases0013, postgres: cases0013Pg, compat: 12 },
  { ...visits0013, postgres: visits0013Pg, compat: 12 },
  { ...access0013, postgres: access0013.up, compat: 12 },
  // Breaking: a schema 13 client writes and searches case_lookup, which is gone.
  { ...cases0014, postgres: cases0014Pg },
];

function byVersion(steps: readonly Migration[]): Migration[] {
  const out: Migration[] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (last?.version === step.version) {
      last.name = `${last.name}+${step.name}`;
      last.up = `${last.up}\n${step.up}`;
      last.postgres = `${last.postgres}\n${step.postgres}`;
      // Without a compat of its own, a step is taken as breaking: the version's compat is then unset.
      if (last.compat === undefined || step.compat === undefined) delete last.compat;
      else last.compat = Math.max(last.compat, step.compat);
    } else {
      if (step.version !== (last?.version ?? 0) + 1) throw new Error(`migration ${step.name} is out of order`);
      out.push({ ...step });
    }
  }
  return out;
}

export const MIGRATIONS: readonly Migration[] = byVersion(STEPS);
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
