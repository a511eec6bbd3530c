/** Policy as stored in the vault: defaults unless IT set a value (within bounds, logged). */
import { fail } from '../errors';
import type { Queryable } from '../store/store';
import { sql } from '../store/sql';
import { DEFAULT_POLICY, PolicySchema, type Policy } from './policy';

export async function loadPolicy(db: Queryable): Promise<Policy> {
  const stored: Record<string, unknown> = {};
  for (const row of await db.all<{ key: string; value: string }>(sql`SELECT key, value FROM policy`)) {
    if (row.key in DEFAULT_POLICY) stored[row.key] = JSON.parse(row.value) as unknown;
  }
  const parsed = PolicySchema.safeParse({ ...DEFAULT_POLICY, ...stored });
  // A stored value outside the bounds (edited by hand) never weakens the rules: defaults apply.
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

/** Validates the whole policy after the change; returns the keys that changed. */
export async function updatePolicy(
  tx: Queryable,
  current: Policy,
  changes: Partial<Policy>,
): Promise<{ next: Policy; changed: (keyof Policy)[] }> {
  const parsed = PolicySchema.safeParse({ ...current, ...changes });
  if (!parsed.success)
    fail('INPUT_REJECTED', 'policy.outOfBounds', { field: String(parsed.error.issues[0]?.path[0] ?? '') });
  const next = parsed.data;
  const changed = (Object.keys(changes) as (keyof Policy)[]).filter(
    (k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]),
  );
  for (const key of changed) {
    await tx.run(sql`INSERT INTO policy (key, value) VALUES (${key}, ${JSON.stringify(next[key])})
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }
  return { next, changed };
}
