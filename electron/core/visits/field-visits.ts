/**
 * 外访 (collection-rules.md: field visits inside the contact window, approved request, two people,
 * no entering without consent). An agent requests a visit; the team's lead approves, then a field
 * lead — another person — approves and names the two field agents; one of them reports. A visit
 * that isn't approved, or whose arrival is outside the window, its dates, a working day or while
 * the debtor is on hold, can't be recorded as done.
 */
import { QUIET_FROM_MINUTE, QUIET_UNTIL_MINUTE, type OutcomeCode } from '../../../shared/conduct';
import { maskFreeText } from '../../../shared/masking';
import { seatDay, seatMinute } from '../../../shared/seat-day';
import { accountByUsername, usernamesById } from '../accounts/account-repository';
import { debtorOf, openCaseText, sealCaseText } from '../cases/case-debtor';
import { caseNoById, storedCase } from '../cases/case-reader';
import { visible, type CaseScope } from '../cases/case-scope';
import { holdOn } from '../complaints/complaint-register';
import { fail } from '../errors';
import { dayStatus } from '../holidays/holiday-calendar';
import { normaliseUsername } from '../keyring/keyring';
import type { Session } from '../session/session';
import { rawSql, sql } from '../store/sql';
import type { Queryable } from '../store/store';

export type AddressKind = 'home' | 'work' | 'registered';
export type VisitState = 'requested' | 'leadApproved' | 'approved' | 'refused' | 'done';

/** A visit's date window is at most this long. */
export const VISIT_WINDOW_DAYS = 14;

interface Row {
  id: number | string;
  case_id: number | string;
  address_kind: AddressKind;
  reason_sealed: Uint8Array;
  window_from: string;
  window_to: string;
  state: VisitState;
  requested_by: number | string;
  requested_at: number | string;
  lead_by: number | string | null;
  field_by: number | string | null;
  visitor1: number | string | null;
  visitor2: number | string | null;
  arrived_at: number | string | null;
  left_at: number | string | null;
  address_status: string | null;
  person_met: string | null;
  consent: number | string | null;
  outcome: string | null;
  reported_by: number | string | null;
}

async function visitRow(db: Queryable, id: number): Promise<Row> {
  const row = await db.get<Row>(sql`SELECT * FROM visit_requests WHERE id = ${id}`);
  if (!row) fail('INPUT_REJECTED', 'visit.unknown');
  return row;
}

export async function requestVisit(
  session: Session,
  scope: CaseScope,
  input: { caseNo: string; addressKind: AddressKind; reason: string; from: string; to: string },
): Promise<{ visit: number }> {
  const today = seatDay(session.vault.now());
  if (input.from < today || input.to < input.from) fail('INPUT_REJECTED', 'visit.window');
  if (Date.parse(input.to) - Date.parse(input.from) > VISIT_WINDOW_DAYS * 86_400_000)
    fail('INPUT_REJECTED', 'visit.windowTooLong', { days: VISIT_WINDOW_DAYS });
  return session.audited(async (tx) => {
    const stored = await storedCase(tx, input.caseNo, visible(scope));
    if (!stored) fail('INPUT_REJECTED', 'case.unknown');
    if (stored.row.state !== 'open') fail('NOT_PERMITTED', 'contact.blocked.caseState');
    if (await holdOn(tx, await debtorOf(tx, stored.id))) fail('NOT_PERMITTED', 'visit.onHold');
    const reason = await sealCaseText(session.vault, tx, stored, 'visit_reason', maskFreeText(input.reason));
    const row = await tx.get<{ id: number | string }>(
      sql`INSERT INTO visit_requests (case_id, address_kind, reason_sealed, window_from, window_to, requested_by, requested_at)
          VALUES (${stored.id}, ${input.addressKind}, ${reason}, ${input.from}, ${input.to}, ${session.account.id}, ${session.vault.now()})
          RETURNING id`,
    );
    const visit = Number(row?.id);
    return {
      value: { visit },
      event: session.event('visit.requested', 'ok', stored.caseNo, {
        visit,
        addressKind: input.addressKind,
        from: input.from,
        to: input.to,
      }),
    };
  });
}

/** Two distinct, active field agents. */
async function visitorsOf(db: Queryable, names: readonly string[]): Promise<[number, number]> {
  const ids: number[] = [];
  for (const name of names) {
    const account = await accountByUsername(db, normaliseUsername(name));
    if (!account || account.state !== 'active' || account.role !== 'agent_field')
      fail('INPUT_REJECTED', 'visit.notFieldAgent', { username: name });
    ids.push(account.id);
  }
  if (ids.length !== 2 || ids[0] === ids[1]) fail('INPUT_REJECTED', 'visit.twoVisitors');
  return [ids[0]!, ids[1]!];
}

/**
 * The next approval: the team's lead first (the request in their view), then a field lead who is
 * another person and names the two visitors. A refusal at either step ends the request.
 */
export async function decideVisit(
  session: Session,
  scope: CaseScope,
  input: { visit: number; approve: boolean; visitors?: string[] | undefined },
): Promise<{ state: VisitState }> {
  return session.audited(async (tx) => {
    const row = await visitRow(tx, input.visit);
    const stored = await storedCase(tx, (await caseNoOf(tx, row)) ?? '', visible(scope));
    if (!stored) fail('INPUT_REJECTED', 'visit.unknown');
    const me = session.account.id;
    if (Number(row.requested_by) === me) fail('NOT_PERMITTED', 'visit.ownRequest');
    const now = session.vault.now();
    let state: VisitState;
    let visitors: [number, number] | null = null;
    if (row.state === 'requested') {
      state = input.approve ? 'leadApproved' : 'refused';
      const done = await tx.run(
        sql`UPDATE visit_requests SET state = ${state}, lead_by = ${me}, lead_at = ${now}
            WHERE id = ${input.visit} AND state = 'requested'`,
      );
      if (done.changes !== 1) fail('INPUT_REJECTED', 'visit.changedMeanwhile');
    } else if (row.state === 'leadApproved') {
      if (Number(row.lead_by) === me) fail('NOT_PERMITTED', 'visit.secondApprover');
      if (input.approve) visitors = await visitorsOf(tx, input.visitors ?? []);
      state = input.approve ? 'approved' : 'refused';
      const done = await tx.run(
        sql`UPDATE visit_requests SET state = ${state}, field_by = ${me}, field_at = ${now},
              visitor1 = ${visitors?.[0] ?? null}, visitor2 = ${visitors?.[1] ?? null}
            WHERE id = ${input.visit} AND state = 'leadApproved'`,
      );
      if (done.changes !== 1) fail('INPUT_REJECTED', 'visit.changedMeanwhile');
    } else fail('INPUT_REJECTED', 'visit.notPending');
    return {
      value: { state },
      event: session.event('visit.decided', input.approve ? 'ok' : 'denied', stored.caseNo, {
        visit: input.visit,
        step: row.state === 'requested' ? 'lead' : 'field',
        approved: input.approve,
        visitors: visitors ? (input.visitors ?? []).map(normaliseUsername) : [],
      }),
    };
  });
}

const caseNoOf = (db: Queryable, row: Row): Promise<string | undefined> => caseNoById(db, Number(row.case_id));

export interface VisitReport {
  visit: number;
  arrivedAt: number;
  leftAt: number;
  addressStatus: 'valid' | 'moved' | 'vacant' | 'notFound';
  personMet: string;
  consent: boolean;
  outcome: OutcomeCode;
  promise?: { amountFen: number; on: string } | undefined;
  media: string[];
}

/** One of the two visitors reports an approved visit, once; the rules are checked at its arrival time. */
export async function reportVisit(session: Session, input: VisitReport): Promise<{ state: VisitState }> {
  const now = session.vault.now();
  if (input.arrivedAt > now || input.leftAt < input.arrivedAt || input.leftAt > now)
    fail('INPUT_REJECTED', 'visit.times');
  return session.audited(async (tx) => {
    const row = await visitRow(tx, input.visit);
    const me = session.account.id;
    if (Number(row.visitor1) !== me && Number(row.visitor2) !== me) fail('NOT_PERMITTED', 'visit.notVisitor');
    if (row.state !== 'approved') fail('NOT_PERMITTED', 'visit.notApproved');
    const day = seatDay(input.arrivedAt);
    if (day < row.window_from || day > row.window_to) fail('NOT_PERMITTED', 'visit.outsideDates');
    const minute = seatMinute(input.arrivedAt);
    const { contactFromMinute, contactUntilMinute, holidayPause } = session.vault.policy;
    if (minute < QUIET_UNTIL_MINUTE || minute >= QUIET_FROM_MINUTE) fail('NOT_PERMITTED', 'contact.blocked.quietHours');
    if (minute < contactFromMinute || minute >= contactUntilMinute) fail('NOT_PERMITTED', 'visit.outsideWindow');
    if (holidayPause.includes('visit') && (await dayStatus(tx, day)).off) fail('NOT_PERMITTED', 'visit.dayOff');
    const caseNo = (await caseNoOf(tx, row)) ?? '';
    const stored = await storedCase(tx, caseNo);
    if (!stored) fail('INPUT_REJECTED', 'visit.unknown');
    if (await holdOn(tx, await debtorOf(tx, stored.id))) fail('NOT_PERMITTED', 'visit.onHold');
    const done = await tx.run(
      sql`UPDATE visit_requests SET state = 'done', arrived_at = ${input.arrivedAt}, left_at = ${input.leftAt},
            address_status = ${input.addressStatus}, person_met = ${input.personMet}, consent = ${input.consent ? 1 : 0},
            outcome = ${input.outcome}, promise_fen = ${input.promise?.amountFen ?? null},
            promise_on = ${input.promise?.on ?? null}, media = ${JSON.stringify(input.media)}, reported_by = ${me}
          WHERE id = ${input.visit} AND state = 'approved'`,
    );
    if (done.changes !== 1) fail('INPUT_REJECTED', 'visit.changedMeanwhile');
    return {
      value: { state: 'done' as const },
      event: session.event('visit.reported', 'ok', caseNo, {
        visit: input.visit,
        outcome: input.outcome,
        consent: input.consent,
        media: input.media.length,
      }),
    };
  });
}

export interface VisitView {
  id: number;
  caseNo: string;
  addressKind: AddressKind;
  reason: string;
  from: string;
  to: string;
  state: VisitState;
  requestedBy: string;
  requestedAt: number;
  leadBy: string | null;
  fieldBy: string | null;
  visitors: string[];
  arrivedAt: number | null;
  outcome: string | null;
}

/** Visits on one case in the caller's view, or (no case) those in the caller's view still open. */
export async function listVisits(session: Session, scope: CaseScope, caseNo: string | undefined): Promise<VisitView[]> {
  const { db } = session.vault;
  const one = caseNo === undefined ? undefined : await storedCase(db, caseNo, visible(scope));
  if (caseNo !== undefined && !one) fail('INPUT_REJECTED', 'case.unknown');
  const me = session.account.id;
  const rows = await db.all<Row>(
    sql`SELECT * FROM visit_requests
        WHERE ${one ? sql`case_id = ${one.id}` : rawSql("state IN ('requested', 'leadApproved', 'approved')")}
        ORDER BY id DESC LIMIT 200`,
  );
  const names = await usernamesById(db);
  const name = (id: number | string | null) => (id === null ? null : (names.get(Number(id)) ?? ''));
  const out: VisitView[] = [];
  for (const r of rows) {
    const no = (await caseNoOf(db, r)) ?? '';
    // A visitor sees the visits they are named on; others, those on cases in their view.
    const mine = Number(r.visitor1) === me || Number(r.visitor2) === me;
    const stored = await storedCase(db, no, mine ? rawSql('1 = 1') : visible(scope));
    if (!stored) continue;
    out.push({
      id: Number(r.id),
      caseNo: no,
      addressKind: r.address_kind,
      reason: await openCaseText(session.vault, db, stored, 'visit_reason', r.reason_sealed),
      from: r.window_from,
      to: r.window_to,
      state: r.state,
      requestedBy: name(r.requested_by) ?? '',
      requestedAt: Number(r.requested_at),
      leadBy: name(r.lead_by),
      fieldBy: name(r.field_by),
      visitors: [name(r.visitor1), name(r.visitor2)].filter((v): v is string => v !== null),
      arrivedAt: r.arrived_at === null ? null : Number(r.arrived_at),
      outcome: r.outcome,
    });
  }
  return out;
}
