/**
 * 催记 — the contact record (collection-rules.md, record templates): written by the agent who
 * made the call, for that call, once; append-only, a correction is a new record pointing at the
 * one it corrects. A connected call without its recording reference is "recording missing" and
 * goes to the lead and QC. A DISP/CMPL/SPEC outcome puts the debtor on hold in the same
 * transaction. Free text is masked for card, ID and phone patterns, then sealed.
 */
import {
  OUTCOMES,
  type ComplaintGrade,
  type ComplaintKind,
  type OutcomeCode,
  type PhoneSlot,
  type RecordingState,
  type Relation,
} from '../../../shared/conduct';
import { maskFreeText } from '../../../shared/masking';
import { addDays, seatDay } from '../../../shared/seat-day';
import { debtorOf, dialables, noteContact, sealCaseText } from '../cases/case-debtor';
import { storedCase, type StoredCase } from '../cases/case-reader';
import { visible, type CaseScope } from '../cases/case-scope';
import { raiseIn } from '../complaints/complaint-register';
import { fail } from '../errors';
import type { NewEvent } from '../audit/audit-log';
import type { Session } from '../session/session';
import { sql, type Sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { releaseLine } from './debtor-day';
import { assertActive } from './outcome-labels';
import { paidSince } from './promises';

/** A promise can be dated at most this far ahead. */
export const PROMISE_MAX_DAYS = 60;

export interface NewRecord {
  caseNo: string;
  /** The call this records (from contact.start); absent: the caller's latest call on the case not yet recorded. */
  callNo?: string | undefined;
  /** A call the debtor made (no call was started; it counts against nothing). */
  inbound?: boolean | undefined;
  /** The record this one corrects. */
  corrects?: number | undefined;
  relation?: Relation | undefined;
  outcome: OutcomeCode;
  promise?: { amountFen: number; on: string } | undefined;
  nextActionAt?: number | undefined;
  note: string;
  recorderCall?: string | undefined;
  recordingId?: string | undefined;
  /** A third party refused any further contact. */
  refused?: boolean | undefined;
  /** For an outcome that raises a hold: its grade. */
  grade?: ComplaintGrade | undefined;
}

const HOLD_KIND: Partial<Record<OutcomeCode, ComplaintKind>> = { DISP: 'dispute', CMPL: 'complaint', SPEC: 'special' };

interface CallRow {
  id: number;
  callNo: string;
  slot: PhoneSlot;
  numberKey: string;
  agentId: number;
}

type RawCall = { id: number | string; call_no: string; slot: PhoneSlot; number_key: string; agent_id: number | string };
const callRow = (r: RawCall): CallRow => ({
  id: Number(r.id),
  callNo: r.call_no,
  slot: r.slot,
  numberKey: r.number_key,
  agentId: Number(r.agent_id),
});
const CALL_COLUMNS = sql`id, call_no, slot, number_key, agent_id`;

/** The call named, or else the caller's latest call on this case still without a record. */
async function callOf(
  tx: Queryable,
  stored: StoredCase,
  callNo: string | undefined,
  agentId: number,
): Promise<CallRow> {
  const row =
    callNo === undefined
      ? await tx.get<RawCall>(
          sql`SELECT ${CALL_COLUMNS} FROM contact_calls k WHERE case_id = ${stored.id} AND agent_id = ${agentId}
              AND NOT EXISTS (SELECT 1 FROM contact_records r WHERE r.call_id = k.id)
              ORDER BY started_at DESC, id DESC LIMIT 1`,
        )
      : await tx.get<RawCall>(
          sql`SELECT ${CALL_COLUMNS} FROM contact_calls WHERE call_no = ${callNo} AND case_id = ${stored.id}`,
        );
  if (!row) fail('INPUT_REJECTED', callNo === undefined ? 'contact.callFirst' : 'contact.unknownCall');
  return callRow(row);
}

async function callById(tx: Queryable, id: number): Promise<CallRow | null> {
  const row = await tx.get<RawCall>(sql`SELECT ${CALL_COLUMNS} FROM contact_calls WHERE id = ${id}`);
  return row ? callRow(row) : null;
}

interface Corrected {
  id: number;
  callId: number | null;
  agentId: number;
}

async function correctedOf(tx: Queryable, stored: StoredCase, id: number): Promise<Corrected> {
  const row = await tx.get<{ case_id: number | string; call_id: number | string | null; agent_id: number | string }>(
    sql`SELECT case_id, call_id, agent_id FROM contact_records WHERE id = ${id}`,
  );
  if (!row || Number(row.case_id) !== stored.id) fail('INPUT_REJECTED', 'contact.unknownRecord');
  if (await tx.get(sql`SELECT 1 AS one FROM contact_records WHERE corrects = ${id}`))
    fail('INPUT_REJECTED', 'contact.alreadyCorrected');
  return { id, callId: row.call_id === null ? null : Number(row.call_id), agentId: Number(row.agent_id) };
}

function checkPromise(input: NewRecord, today: string): void {
  const flags = OUTCOMES[input.outcome];
  if (flags.promise && !input.promise) fail('INPUT_REJECTED', 'contact.promiseRequired');
  if (!flags.promise && input.promise) fail('INPUT_REJECTED', 'contact.promiseNotTaken');
  if (input.promise && (input.promise.on < today || input.promise.on > addDays(today, PROMISE_MAX_DAYS)))
    fail('INPUT_REJECTED', 'contact.promiseDate', { days: PROMISE_MAX_DAYS });
}

export async function recordContact(
  session: Session,
  scope: CaseScope,
  input: NewRecord,
): Promise<{ record: number; recording: RecordingState; hold: boolean }> {
  const now = session.vault.now();
  const today = seatDay(now);
  checkPromise(input, today);
  if (input.nextActionAt !== undefined && input.nextActionAt <= now) fail('INPUT_REJECTED', 'contact.nextInPast');
  return session.audited(async (tx) => {
    const stored = await storedCase(tx, input.caseNo, visible(scope));
    if (!stored) fail('INPUT_REJECTED', 'case.unknown');
    const corrected = input.corrects === undefined ? null : await correctedOf(tx, stored, input.corrects);
    // A correction keeps its record's call; a call the debtor made has none; else the call made.
    let call: CallRow | null;
    if (corrected) call = corrected.callId === null ? null : await callById(tx, corrected.callId);
    else call = input.inbound ? null : await callOf(tx, stored, input.callNo, session.account.id);
    // Only the agent who made the call writes its record; a lead may correct one in their view.
    const byWhom = corrected?.agentId ?? call?.agentId;
    if (byWhom !== undefined && byWhom !== session.account.id && !(corrected && scope.kind !== 'own'))
      fail('NOT_PERMITTED', 'contact.notYourCall');
    if (!corrected && call && (await tx.get(sql`SELECT 1 AS one FROM contact_records WHERE call_id = ${call.id}`)))
      fail('INPUT_REJECTED', 'contact.alreadyRecorded');
    const mask = call ? ((await dialables(tx, stored)).find((d) => d.slot === call.slot)?.mask ?? null) : null;

    if (!corrected) await assertActive(tx, input.outcome);
    const flags = OUTCOMES[input.outcome];
    const debtor = await debtorOf(tx, stored.id);
    const recording: RecordingState = input.recordingId ? 'referenced' : flags.connected ? 'missing' : 'none';
    const note = await sealCaseText(session.vault, tx, stored, 'contact_note', maskFreeText(input.note));
    const amount = Number(stored.row.amount_assigned_fen);
    const balance = amount - (await paidSince(tx, stored.id, null));
    const row = await insertOnce(
      tx,
      sql`INSERT INTO contact_records (case_id, call_id, corrects, debtor, day, channel, direction, source, slot, number_key,
            number_mask, relation, outcome, connected, with_debtor, refused, promise_fen, promise_on, next_action_at,
            note_sealed, recorder_call, recording_id, recording, days_overdue, balance_fen, agent_id, team_id, recorded_at)
          VALUES (${stored.id}, ${call?.id ?? null}, ${corrected?.id ?? null}, ${debtor}, ${today},
            'call', ${call ? 'out' : 'in'}, ${session.account.role === 'agent_field' ? 'field' : 'phone'},
            ${call?.slot ?? null}, ${call?.numberKey ?? null}, ${mask},
            ${input.relation ?? null}, ${input.outcome}, ${flags.connected ? 1 : 0}, ${flags.withDebtor ? 1 : 0},
            ${input.refused ? 1 : 0}, ${input.promise?.amountFen ?? null}, ${input.promise?.on ?? null},
            ${input.nextActionAt ?? null}, ${note}, ${input.recorderCall ?? null}, ${input.recordingId ?? null},
            ${recording}, ${(stored.row.days_overdue as number | null) ?? null}, ${balance}, ${session.account.id},
            ${(stored.row.team_id as number | null) ?? null}, ${now})
          RETURNING id`,
    );
    const id = Number(row.id);
    if (call && !corrected) await releaseLine(tx, debtor, call.callNo);
    await noteContact(tx, stored.id, now, input.nextActionAt ?? null);
    const kind = HOLD_KIND[input.outcome];
    const events: NewEvent[] = [];
    if (kind && !corrected) {
      events.push(await raiseIn(session, tx, stored, { kind, grade: input.grade ?? 'medium', reason: input.note }));
    }
    for (const e of events) await session.vault.audit.append(tx, e);
    return {
      value: { record: id, recording, hold: events.length > 0 },
      event: session.event('contact.recorded', 'ok', stored.caseNo, {
        record: id,
        call: call?.callNo ?? null,
        corrects: corrected?.id ?? null,
        outcome: input.outcome,
        recording,
        ...(input.promise ? { promiseFen: input.promise.amountFen } : {}),
      }),
    };
  });
}

/** The insert; a record for the same call written at the same moment elsewhere loses on the unique index. */
async function insertOnce(tx: Queryable, insert: Sql): Promise<{ id: number | string }> {
  try {
    const row = await tx.get<{ id: number | string }>(insert);
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return row;
  } catch (err) {
    if (tx.dialect.classify(err) === 'unique-violation') fail('INPUT_REJECTED', 'contact.alreadyRecorded');
    throw err;
  }
}
