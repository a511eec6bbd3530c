/**
 * Each domain is the only code that touches its tables: a table belongs to the domain whose
 * migrations create it, and no SQL outside that domain's folder names it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(import.meta.dirname, '../../../electron/core');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

const domainOf = (file: string): string => path.relative(CORE, file).split(path.sep)[0]!;
const isMigration = (file: string): boolean => file.split(path.sep).includes('migrations');

/** table → owning domain, from the CREATE TABLE statements in each domain's migrations. */
function owners(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of tsFiles(CORE).filter(isMigration))
    for (const m of readFileSync(file, 'utf8').matchAll(/CREATE TABLE (\w+)/g)) out.set(m[1]!, domainOf(file));
  return out;
}

/** Tables named by SQL in a file: FROM, JOIN, INTO, UPDATE, DELETE FROM. */
function tablesIn(source: string): string[] {
  return [...source.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)/g)].map((m) => m[1]!);
}

describe('table ownership', () => {
  it('finds every table in its domain', () => {
    expect(Object.fromEntries(owners())).toMatchObject({
      accounts: 'accounts',
      password_history: 'accounts',
      audit_events: 'audit',
      seats: 'seats',
      seat_bindings: 'seats',
      role_permissions: 'access',
      policy: 'policy',
      meta: 'vault',
    });
  });

  it('lets no code outside a domain name its tables in SQL', () => {
    const tables = owners();
    const trespasses: string[] = [];
    for (const file of tsFiles(CORE).filter((f) => !isMigration(f))) {
      for (const table of tablesIn(readFileSync(file, 'utf8'))) {
        const owner = tables.get(table);
        if (owner !== undefined && owner !== domainOf(file)) trespasses.push(`${path.relative(CORE, file)} → ${table}`);
      }
    }
    expect(trespasses).toEqual([]);
  });
});
