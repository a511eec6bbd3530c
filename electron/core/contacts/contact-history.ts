/**
 * A case's contact records, newest first, as the case page and the CLI show them: each with its
 * masked number, outcome, recording state, promise (and whether it was kept), the note (masked
 * when written, opened here), and what corrects what.
 */
import type { OutcomeCode, PhoneSlot, RecordingState, Relation } from '../../../shared/conduct';
import { seatDay } from '../../../shared/seat-day';
import { usernamesById } from '../accounts/account-repository';
import { openCaseText } from '../cases/case-debtor';
import { isShowable } from '../cases/case-page';
import { storedCase } from '../cases/case-reader';
import { visible, type CaseScope } from '../cases/case-scope';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { sql } from '../store/sql';
import { promiseState, type PromiseState } from './promises';

export interface ContactView {
  id: number;
  at: number;
  agent: string;
  direction: 'out' | 'in';
  slot: PhoneSlot | null;
  numberMask: string | null;
  relation: Relation | null;
  outcome: OutcomeCode;
  recording: RecordingState;
  recorderCall: string | null;
  recordingId: string | null;
  promise: { amountFen: number; on: string; state: PromiseState; paidFen: number } | null;
  nextActionAt: number | null;
  note: string;
  corrects: number | null;
  correctedBy: number | null;
}

interface Row {
  id: number | string;
  recorded_at: number | string;
  day: string;
  agent_id: number | string;
  direction: 'out' | 'in';
  slot: PhoneSlot | null;
  number_mask: string | null;
  relation: Relation | null;
  outcome: OutcomeCode;
  recording: RecordingState;
  recorder_call: string | null;
  recording_id: string | null;
  promise_fen: number | string | null;
  promise_on: string | null;
  next_action_at: number | string | null;
  note_sealed: Uint8Array | null;
  corrects: number | string | null;
  corrected_by: number | string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export async function contactHistory(session: Session, scope: CaseScope, caseNo: string): Promise<ContactView[]> {
  const { db } = session.vault;
  const stored = await storedCase(db, caseNo, visible(scope));
  if (!stored) fail('INPUT_REJECTED', 'case.unknown');
  const rows = await db.all<Row>(
    sql`SELECT r.id, r.recorded_at, r.day, r.agent_id, r.direction, r.slot, r.number_mask, r.relation, r.outcome,
               r.recording, r.recorder_call, r.recording_id, r.promise_fen, r.promise_on, r.next_action_at, r.note_sealed,
               r.corrects, (SELECT x.id FROM contact_records x WHERE x.corrects = r.id) AS corrected_by
        FROM contact_records r
        WHERE r.case_id = ${stored.id} ORDER BY r.recorded_at DESC, r.id DESC LIMIT 500`,
  );
  const today = seatDay(session.vault.now());
  const names = await usernamesById(db);
  const showable = isShowable(stored);
  const out: ContactView[] = [];
  for (const r of rows) {
    const fen = num(r.promise_fen);
    const promise =
      fen !== null && r.promise_on !== null
        ? {
            amountFen: fen,
            on: r.promise_on,
            ...(await promiseState(db, stored.id, { day: r.day, on: r.promise_on, fen }, today)),
          }
        : null;
    out.push({
      id: Number(r.id),
      at: Number(r.recorded_at),
      agent: names.get(Number(r.agent_id)) ?? '',
      direction: r.direction,
      slot: r.slot,
      numberMask: r.number_mask,
      relation: r.relation,
      outcome: r.outcome,
      recording: r.recording,
      recorderCall: r.recorder_call,
      recordingId: r.recording_id,
      promise,
      nextActionAt: num(r.next_action_at),
      note:
        showable && r.note_sealed ? await openCaseText(session.vault, db, stored, 'contact_note', r.note_sealed) : '',
      corrects: num(r.corrects),
      correctedBy: num(r.corrected_by),
    });
  }
  return out;
}
