/**
 * 投诉 / 停催 (policy.md, collection-rules.md): anyone who can see a case raises a complaint or
 * dispute on it, graded; from that moment no outbound contact reaches the debtor on any of their
 * cases. QC or a lead clears it with a reason. It is due within 3 working days (the holiday
 * calendar decides), the client bank told; the register shows what is overdue.
 */
import { maskFreeText } from '../../../shared/masking';
import { COMPLAINT_WORKING_DAYS, type ComplaintGrade, type ComplaintKind } from '../../../shared/conduct';
import { seatDay } from '../../../shared/seat-day';
import { debtorCaseCount, debtorOf, openCaseText, sealCaseText } from '../cases/case-debtor';
import { caseNosIn, storedCase, type StoredCase } from '../cases/case-reader';
import { usernamesById } from '../accounts/account-repository';
import { visible, type CaseScope } from '../cases/case-scope';
import { fail } from '../errors';
import { workingDaysAfter } from '../holidays/holiday-calendar';
import type { Session } from '../session/session';
import { rawSql, sql } from '../store/sql';
import type { Queryable } from '../store/store';

export interface Hold {
  complaint: number;
  kind: ComplaintKind;
  raisedAt: number;
}

/** The debtor's oldest open hold, if any. */
export async function holdOn(db: Queryable, debtor: string): Promise<Hold | null> {
  const row = await db.get<{ id: number | string; kind: ComplaintKind; raised_at: number | string }>(
    sql`SELECT id, kind, raised_at FROM complaints WHERE debtor = ${debtor} AND cleared_at IS NULL
        ORDER BY raised_at, id LIMIT 1`,
  );
  return row ? { complaint: Number(row.id), kind: row.kind, raisedAt: Number(row.raised_at) } : null;
}

export interface NewComplaint {
  kind: ComplaintKind;
  grade: ComplaintGrade;
  reason: string;
}

/**
 * Writes the hold in `tx` (a record's DISP/CMPL/SPEC outcome raises one in its own transaction)
 * and returns the event that logs it.
 */
export async function raiseIn(session: Session, tx: Queryable, stored: StoredCase, complaint: NewComplaint) {
  const debtor = await debtorOf(tx, stored.id);
  const now = session.vault.now();
  const dueOn = await workingDaysAfter(tx, seatDay(now), COMPLAINT_WORKING_DAYS);
  const reason = await sealCaseText(session.vault, tx, stored, 'complaint_reason', maskFreeText(complaint.reason));
  const row = await tx.get<{ id: number | string }>(
    sql`INSERT INTO complaints (case_id, debtor, kind, grade, reason_sealed, raised_by, raised_at, due_on)
        VALUES (${stored.id}, ${debtor}, ${complaint.kind}, ${complaint.grade}, ${reason}, ${session.account.id}, ${now}, ${dueOn})
        RETURNING id`,
  );
  const id = Number(row?.id);
  return session.event('complaint.raised', 'ok', stored.caseNo, {
    complaint: id,
    kind: complaint.kind,
    grade: complaint.grade,
    dueOn,
    cases: await debtorCaseCount(tx, debtor),
  });
}

async function caseIn(tx: Queryable, scope: CaseScope, caseNo: string): Promise<StoredCase> {
  const stored = await storedCase(tx, caseNo, visible(scope));
  if (!stored) fail('INPUT_REJECTED', 'case.unknown');
  return stored;
}

export async function raiseComplaint(
  session: Session,
  scope: CaseScope,
  input: NewComplaint & { caseNo: string },
): Promise<{ complaint: number; dueOn: string; cases: number }> {
  return session.audited(async (tx) => {
    const event = await raiseIn(session, tx, await caseIn(tx, scope, input.caseNo), input);
    const d = event.detail as { complaint: number; dueOn: string; cases: number };
    return { value: { complaint: d.complaint, dueOn: d.dueOn, cases: d.cases }, event };
  });
}

/** Clears the open holds raised on this case (QC or a lead), with a reason: one event each. */
export async function clearComplaints(
  session: Session,
  scope: CaseScope,
  input: { caseNo: string; reason: string },
): Promise<{ cleared: number; stillHeld: boolean }> {
  return session.vault.db.transaction(async (tx) => {
    const stored = await caseIn(tx, scope, input.caseNo);
    const open = await tx.all<{ id: number | string }>(
      sql`SELECT id FROM complaints WHERE case_id = ${stored.id} AND cleared_at IS NULL ORDER BY id`,
    );
    if (open.length === 0) fail('INPUT_REJECTED', 'complaint.noneOpen');
    const reason = maskFreeText(input.reason);
    const sealed = await sealCaseText(session.vault, tx, stored, 'complaint_clear', reason);
    const now = session.vault.now();
    for (const { id } of open) {
      // Only a hold still open is cleared: a second clearing at the same moment changes nothing.
      const done = await tx.run(
        sql`UPDATE complaints SET cleared_by = ${session.account.id}, cleared_at = ${now}, clear_sealed = ${sealed}
            WHERE id = ${Number(id)} AND cleared_at IS NULL`,
      );
      if (done.changes !== 1) fail('INPUT_REJECTED', 'complaint.noneOpen');
      await session.vault.audit.append(
        tx,
        session.event('complaint.cleared', 'ok', stored.caseNo, { complaint: Number(id), reason }),
      );
    }
    return { cleared: open.length, stillHeld: (await holdOn(tx, await debtorOf(tx, stored.id))) !== null };
  });
}

/** Records that the client bank was told of this case's complaints (those not yet marked). */
export async function bankNotified(session: Session, scope: CaseScope, caseNo: string): Promise<{ marked: number }> {
  return session.vault.db.transaction(async (tx) => {
    const stored = await caseIn(tx, scope, caseNo);
    const rows = await tx.all<{ id: number | string }>(
      sql`SELECT id FROM complaints WHERE case_id = ${stored.id} AND bank_notified_at IS NULL ORDER BY id`,
    );
    if (rows.length === 0) fail('INPUT_REJECTED', 'complaint.noneToNotify');
    const now = session.vault.now();
    for (const { id } of rows) {
      await tx.run(
        sql`UPDATE complaints SET bank_notified_by = ${session.account.id}, bank_notified_at = ${now}
            WHERE id = ${Number(id)} AND bank_notified_at IS NULL`,
      );
      await session.vault.audit.append(
        tx,
        session.event('complaint.bankNotified', 'ok', stored.caseNo, { complaint: Number(id) }),
      );
    }
    return { marked: rows.length };
  });
}

export interface ComplaintView {
  id: number;
  caseNo: string;
  kind: ComplaintKind;
  grade: ComplaintGrade;
  reason: string;
  raisedBy: string;
  raisedAt: number;
  dueOn: string;
  /** Past its due day and not both cleared and told to the bank. */
  overdue: boolean;
  bankNotifiedAt: number | null;
  clearedBy: string | null;
  clearedAt: number | null;
  clearReason: string | null;
}

interface Row {
  id: number | string;
  case_id: number | string;
  kind: ComplaintKind;
  grade: ComplaintGrade;
  reason_sealed: Uint8Array;
  raised_by: number | string;
  raised_at: number | string;
  due_on: string;
  bank_notified_at: number | string | null;
  cleared_by: number | string | null;
  cleared_at: number | string | null;
  clear_sealed: Uint8Array | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** The register: complaints on cases in the caller's view, open first (or only), oldest due first. */
export async function complaintRegister(
  session: Session,
  scope: CaseScope,
  options: { openOnly: boolean; caseNo?: string | undefined },
): Promise<ComplaintView[]> {
  const { db } = session.vault;
  const today = seatDay(session.vault.now());
  const one = options.caseNo === undefined ? undefined : await storedCase(db, options.caseNo, visible(scope));
  if (options.caseNo !== undefined && !one) fail('INPUT_REJECTED', 'case.unknown');
  const rows = await db.all<Row>(
    sql`SELECT id, case_id, kind, grade, reason_sealed, raised_by, raised_at, due_on, bank_notified_at, cleared_by,
               cleared_at, clear_sealed
        FROM complaints
        WHERE ${options.openOnly ? rawSql('cleared_at IS NULL') : rawSql('1 = 1')}
          AND ${one ? sql`case_id = ${one.id}` : rawSql('1 = 1')}
        ORDER BY CASE WHEN cleared_at IS NULL THEN 0 ELSE 1 END, due_on, id
        LIMIT 2000`,
  );
  const caseNos = await caseNosIn(db, [...new Set(rows.map((r) => Number(r.case_id)))], visible(scope));
  const names = await usernamesById(db);
  const out: ComplaintView[] = [];
  for (const r of rows) {
    const caseNo = caseNos.get(Number(r.case_id));
    const stored = caseNo === undefined ? undefined : await storedCase(db, caseNo);
    if (!stored) continue;
    const open = (sealed: Uint8Array, place: string) => openCaseText(session.vault, db, stored, place, sealed);
    const settled = r.cleared_at !== null && r.bank_notified_at !== null;
    out.push({
      id: Number(r.id),
      caseNo: stored.caseNo,
      kind: r.kind,
      grade: r.grade,
      reason: await open(r.reason_sealed, 'complaint_reason'),
      raisedBy: names.get(Number(r.raised_by)) ?? '',
      raisedAt: Number(r.raised_at),
      dueOn: r.due_on,
      overdue: !settled && today > r.due_on,
      bankNotifiedAt: num(r.bank_notified_at),
      clearedBy: r.cleared_by === null ? null : (names.get(Number(r.cleared_by)) ?? ''),
      clearedAt: num(r.cleared_at),
      clearReason: r.clear_sealed ? await open(r.clear_sealed, 'complaint_clear') : null,
    });
    if (out.length >= 500) break;
  }
  return out;
}
