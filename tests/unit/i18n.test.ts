/** The zh-CN and en catalogs: same keys, no empty texts, and a text for every key the app can ask for. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountState, contract, events, PasswordClassSchema, PolicyView, VerifyReport } from '../../shared/contract';
import { PERMISSIONS } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';
import { AUDIT_ACTIONS, CORE_ACTIONS } from '../../shared/audit-actions';
import { KNOWN_ACTIONS } from '../../renderer/src/audit/actions';
import { BOUNDS, CLOCK_FIELDS, POLICY_GROUPS } from '../../renderer/src/admin/policy-fields';
import {
  CALL_RULES,
  CHANNELS,
  COMPLAINT_GRADES,
  COMPLAINT_KINDS,
  MISSING_YEAR_MODES,
  OUTCOME_CODES,
  OUTCOME_GROUPS,
  PHONE_SLOTS,
  RECORDING_STATES,
  RELATIONS,
} from '../../shared/conduct';
import en from '../../renderer/src/i18n/en.json';
import zhCN from '../../renderer/src/i18n/zh-CN.json';

const ROOT = path.resolve(import.meta.dirname, '../..');
type Catalog = Record<string, unknown>;
const CATALOGS: Record<string, Catalog> = { 'zh-CN': zhCN, en };

/** The error keys the core speaks (README of the IPC contract), plus the UI's own. */
const ERROR_KEYS = [
  'vault.missing',
  'vault.exists',
  'dataDir.unusable',
  'dataDir.notWritable',
  'vault.alreadySetUp',
  'keyring.damaged',
  'manifest.damaged',
  'vault.damaged',
  'vault.tooNew',
  'login.failed',
  'login.locked',
  'password.policy',
  'account.exists',
  'permission.denied',
  'session.none',
  'session.locked',
  'ipc.invalidInput',
  'ipc.unknownProcedure',
  'ipc.badSender',
  'internal',
  'generic',
  'anchor.notJson',
  // The contract's input fields (shared/contract/fields.ts).
  'username.invalid',
  'displayName.invalid',
  'reason.invalid',
  'role.unknown',
  'seat.invalid',
  'ledger.badDate',
];

function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
    }
  } else out.set(prefix, node);
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

const flat = Object.fromEntries(Object.entries(CATALOGS).map(([lang, c]) => [lang, flatten(c)]));

function expectText(key: string): void {
  for (const [lang, entries] of Object.entries(flat)) {
    expect(typeof entries.get(key), `${lang}: ${key}`).toBe('string');
  }
}

describe('i18n catalogs', () => {
  it('have exactly the same keys in zh-CN and en', () => {
    expect([...flat.en!.keys()].sort()).toEqual([...flat['zh-CN']!.keys()].sort());
  });

  it('hold only non-empty strings', () => {
    for (const [lang, entries] of Object.entries(flat)) {
      for (const [key, value] of entries) {
        expect(typeof value, `${lang}: ${key}`).toBe('string');
        expect((value as string).trim(), `${lang}: ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of flat.en!) expect(vars(flat['zh-CN']!.get(key)), key).toEqual(vars(value));
  });

  it('contain every literal t() key used in renderer/src', () => {
    const used = new Set<string>();
    for (const file of files(path.join(ROOT, 'renderer/src')).filter((f) => /\.(ts|tsx)$/.test(f))) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\bt\(\s*(?:'([^']+)'|"([^"]+)"|`([^`$]+)`)/g)) used.add((m[1] ?? m[2] ?? m[3])!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) expectText(key);
  });

  it('name every role, in Chinese where the floor has a Chinese term', () => {
    for (const role of ROLES) expectText(`roles.${role}`);
    expect(flat['zh-CN']!.get('roles.auditor')).toBe('稽核');
    expect(flat['zh-CN']!.get('roles.cs')).toBe('客服');
  });

  it('explain every error key the core and the router can return', () => {
    const coreKeys = new Set<string>();
    for (const file of files(path.join(ROOT, 'electron/core')).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/fail\(\s*'[A-Z_]+',\s*'([^']+)'/g)) coreKeys.add(m[1]!);
      for (const m of source.matchAll(/\bkey: '([^']+)'/g)) coreKeys.add(m[1]!);
    }
    expect(coreKeys.size).toBeGreaterThan(10);
    for (const key of new Set([...ERROR_KEYS, ...coreKeys])) expectText(`errors.${key}`);
  });

  it('label every access-log action the registry has, including every procedure the router logs', () => {
    const logged = Object.entries(contract)
      .filter(([, p]) => p.audited || (p.access !== 'public' && p.access !== 'session'))
      .map(([name]) => name);
    expect([...KNOWN_ACTIONS].sort()).toEqual([...new Set([...Object.keys(CORE_ACTIONS), ...logged])].sort());
    expect(Object.keys(AUDIT_ACTIONS).sort()).toEqual([...KNOWN_ACTIONS].sort());
    for (const action of KNOWN_ACTIONS) expectText(`actions.${action}`);
  });

  it('label every outcome, anchor result and account state the contract allows', () => {
    for (const o of ['ok', 'denied', 'failed']) expectText(`outcomes.${o}`);
    for (const a of VerifyReport.shape.anchor.options) expectText(`audit.verify.anchor.${a}`);
    for (const s of AccountState.options) expectText(`accounts.states.${s}`);
  });

  it('name every permission, policy field, password rule and seat-binding mode', () => {
    for (const p of PERMISSIONS) expectText(`permissions.${p}`);
    const fields = Object.keys(PolicyView.shape);
    for (const f of fields) expectText(`policy.fields.${f}`);
    // The policy page shows every field exactly once, and a range for every number.
    expect(POLICY_GROUPS.flatMap((g) => g.fields).sort()).toEqual([...fields].sort());
    for (const g of POLICY_GROUPS) expectText(`policy.groups.${g.key}`);
    const notNumbers = ['passwordClasses', 'seatBinding', 'holidayPause', 'missingHolidayYear', ...CLOCK_FIELDS];
    expect(Object.keys(BOUNDS).sort()).toEqual(fields.filter((f) => !notNumbers.includes(f)).sort());
    for (const c of ['length', ...PasswordClassSchema.options]) expectText(`password.rules.${c}`);
    for (const m of PolicyView.shape.seatBinding.options) expectText(`policy.seatBindingOptions.${m}`);
    for (const m of MISSING_YEAR_MODES) expectText(`policy.missingYearOptions.${m}`);
    for (const c of CHANNELS) expectText(`conduct.channels.${c}`);
  });

  it('explain every call rule, outcome code, relation and complaint grade', () => {
    for (const rule of CALL_RULES) {
      expectText(`errors.contact.blocked.${rule}`);
      expectText(`conduct.rules.${rule}`);
    }
    for (const code of OUTCOME_CODES) expectText(`conduct.outcomes.${code}`);
    for (const g of OUTCOME_GROUPS) expectText(`conduct.groups.${g}`);
    for (const r of RELATIONS) expectText(`conduct.relations.${r}`);
    for (const g of COMPLAINT_GRADES) expectText(`conduct.grades.${g}`);
    for (const k of COMPLAINT_KINDS) expectText(`conduct.kinds.${k}`);
    for (const s of PHONE_SLOTS) expectText(`conduct.slots.${s}`);
    for (const s of RECORDING_STATES) expectText(`conduct.recording.${s}`);
  });

  it('explain every way a session can end, and every menu page', () => {
    for (const r of events['session.ended'].shape.reason.options.filter((r) => r !== 'logout' && r !== 'locked'))
      expectText(`login.ended.${r}`);
    expectText('login.ended.gone');
    for (const page of ['home', 'audit', 'accounts', 'seats', 'roles', 'policy', 'ledger']) expectText(`nav.${page}`);
    for (const kind of ['failures', 'reset', 'unlock', 'role', 'close']) expectText(`accounts.actions.${kind}`);
    for (const why of ['expired', 'oneTime']) {
      expectText(`password.forced.${why}.title`);
      expectText(`password.forced.${why}.intro`);
    }
  });
});
