/**
 * Reveal (collection-rules.md: permission + a reason + recent re-authentication + a log entry):
 * one field of one case the caller may see, in full, logged in the same transaction that reads
 * it. A copy to the clipboard is allowed only of a value revealed in the last 30 seconds, and
 * is logged too.
 */
import { REVEAL_SECONDS, type RevealField, type RevealReason } from '../../../shared/cases';
import { fail } from '../errors';
import type { Session } from '../session/session';
import type { NewEvent } from '../audit/audit-log';
import type { Queryable } from '../store/store';
import { FIELD_COLUMNS, isShowable } from './case-page';
import { contactsOf, openColumn, openContact, storedCase, type StoredCase } from './case-reader';
import { visible, type CaseScope } from './case-scope';

export interface RevealRequest {
  caseNo: string;
  field: RevealField;
  ordinal?: number | undefined;
}

/** When each session last revealed each value (monotonic ms): what a copy may take. */
const revealed = new WeakMap<Session, Map<string, number>>();
const revealKey = (r: RevealRequest): string => `${r.caseNo}\u0000${r.field}\u0000${r.ordinal ?? 0}`;

async function openField(session: Session, db: Queryable, stored: StoredCase, r: RevealRequest): Promise<string> {
  if (!isShowable(stored)) fail('NOT_PERMITTED', 'case.notShowable');
  let value: string | null;
  if (r.field === 'contactName' || r.field === 'contactPhone') {
    const contact = (await contactsOf(db, stored.id)).find((c) => c.ordinal === r.ordinal);
    value = contact
      ? await openContact(session.vault, db, stored, contact, r.field === 'contactName' ? 'name' : 'phone')
      : null;
  } else {
    value = await openColumn(session.vault, db, stored, FIELD_COLUMNS[r.field]);
  }
  if (value === null) fail('INPUT_REJECTED', 'case.noValue');
  return value;
}

/**
 * Opens the value in the transaction that logs it (what is shown is what was logged), reading
 * the case within the caller's view: no case, no value, no event.
 */
function openLogged(
  session: Session,
  scope: CaseScope,
  request: RevealRequest,
  event: (caseNo: string, where: { field: RevealField; ordinal?: number }) => NewEvent,
): Promise<string> {
  return session.audited(async (tx) => {
    const stored = await storedCase(tx, request.caseNo, visible(scope));
    if (!stored) fail('INPUT_REJECTED', 'case.unknown');
    const where = { field: request.field, ...(request.ordinal === undefined ? {} : { ordinal: request.ordinal }) };
    return { value: await openField(session, tx, stored, request), event: event(stored.caseNo, where) };
  });
}

export async function revealField(
  session: Session,
  scope: CaseScope,
  request: RevealRequest & { reason: RevealReason; note?: string | undefined },
): Promise<{ value: string; seconds: number }> {
  if (request.reason === 'other' && !request.note) fail('INPUT_REJECTED', 'case.noteRequired');
  const value = await openLogged(session, scope, request, (caseNo, where) =>
    session.event('case.revealed', 'ok', caseNo, {
      ...where,
      reason: request.reason,
      ...(request.note ? { note: request.note } : {}),
    }),
  );
  let mine = revealed.get(session);
  if (!mine) revealed.set(session, (mine = new Map<string, number>()));
  mine.set(revealKey(request), session.vault.env.monotonic());
  return { value, seconds: REVEAL_SECONDS };
}

export async function copyField(
  session: Session,
  scope: CaseScope,
  request: RevealRequest,
  copy: ((text: string, seconds: number) => void) | undefined,
): Promise<{ seconds: number }> {
  if (!copy) fail('NOT_PERMITTED', 'case.noClipboard');
  const at = revealed.get(session)?.get(revealKey(request));
  if (at === undefined || session.vault.env.monotonic() - at > REVEAL_SECONDS * 1000)
    fail('NOT_PERMITTED', 'case.revealFirst');
  const value = await openLogged(session, scope, request, (caseNo, where) =>
    session.event('case.copied', 'ok', caseNo, where),
  );
  copy(value, REVEAL_SECONDS);
  return { seconds: REVEAL_SECONDS };
}
