/** The action registry: the core refuses unregistered events and stray detail; the docs are derived from it. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsMarkdown } from '../../../electron/cli/audit-actions-text';
import { registeredOnly, type NewEvent } from '../../../electron/core/audit/audit-log';
import { checkAuditEvent } from '../../../shared/audit-actions';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function event(action: string, object: string | null, detail: Record<string, unknown>): NewEvent {
  return { at: 1, actor: 'it.chen', actorId: 1, seat: 'ABCD-EFGH-JKMN', action, object, outcome: 'ok', detail };
}

describe('the access-log action registry', () => {
  it('accepts a registered action with its own detail', () => {
    expect(registeredOnly(event('account.added', 'li.na', { role: 'cs' }))).toMatchObject({ detail: { role: 'cs' } });
    expect(registeredOnly(event('account.list', null, { permission: 'account.read' }))).toBeTruthy();
  });

  it('accepts either shape of a name that is both an event and a procedure, and no mix of them', () => {
    expect(registeredOnly(event('account.reset', 'li.na', { reason: 'forgot it' }))).toBeTruthy();
    expect(registeredOnly(event('account.reset', null, { permission: 'account.manage' }))).toBeTruthy();
    expect(
      registeredOnly(event('account.reset', null, { code: 'INPUT_REJECTED', reason: 'account.unknown' })),
    ).toBeTruthy();
    expect(() => registeredOnly(event('account.reset', 'li.na', { permission: 'account.manage' }))).toThrow(/object/);
    expect(() => registeredOnly(event('account.reset', null, { reason: 'forgot it' }))).toThrow(/account.reset/);
  });

  it('refuses an unregistered action, an extra detail field and a wrong object, naming no value', () => {
    expect(() => registeredOnly(event('case.view', null, {}))).toThrow(/unregistered action/);
    expect(() => registeredOnly(event('account.added', 'li.na', { role: 'cs', phone: '13812345678' }))).toThrow(
      /account.added: detail/,
    );
    expect(() => registeredOnly(event('account.added', 'li.na', { role: 'cs', phone: '13812345678' }))).not.toThrow(
      /1381/,
    );
    expect(() => registeredOnly(event('seat.flagged', 'not a seat', { importStation: true }))).toThrow(/object/);
    expect(() => registeredOnly(event('audit.exported', null, { format: 'xlsx' }))).toThrow(/detail/);
  });

  it('masks card, ID and phone numbers in the reasons IT types', () => {
    const checked = checkAuditEvent('account.reset', 'li.na', {
      reason: 'called from 13812345678, card 6228 4800 1234 0018, ID 11010519491231002X',
    });
    expect(checked).toEqual({
      ok: true,
      object: 'li.na',
      detail: { reason: 'called from 138****5678, card 622848******0018, ID 1**************02X' },
    });
  });

  it('is what docs/audit-actions.md says (UPDATE_DOCS=1 npx vitest run this file rewrites it)', () => {
    const doc = path.join(ROOT, 'docs/audit-actions.md');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(doc, actionsMarkdown());
    expect(readFileSync(doc, 'utf8')).toBe(actionsMarkdown());
  });
});
