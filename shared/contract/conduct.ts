/**
 * Collection conduct: calls checked against the rules, contact records (催记), overrides, payments,
 * complaints (停催) and the holiday calendar. The core decides who sees which case, as for case.*.
 */
import { z } from 'zod';
import {
  CALL_RULES,
  COMPLAINT_GRADES,
  COMPLAINT_KINDS,
  OUTCOME_CODES,
  OVERRIDABLE_RULES,
  PHONE_SLOTS,
  RECORDER_ID,
  RECORDING_STATES,
  RELATIONS,
} from '../conduct';
import { isDay } from '../seat-day';
import { CaseNo } from './cases';
import { Approval, Empty, Reason } from './fields';
import { procedure } from './procedure';

const Day = z.string().refine(isDay, 'contact.badDay');
const Fen = z.number().int().positive().max(1e13);
const Note = z.string().trim().min(1, 'contact.noteRequired').max(500, 'contact.noteTooLong');
const RecorderId = z.string().trim().regex(RECORDER_ID, 'contact.recorderId');

const RuleCheck = z.object({
  rule: z.enum(CALL_RULES),
  ok: z.boolean(),
  overridden: z.boolean(),
  floor: z.boolean(),
  source: z.string(),
});
const Counters = z.object({ reached: z.number().int(), attempts: z.number().int(), onNumber: z.number().int() });

export const SlotVerdict = z.object({
  slot: z.enum(PHONE_SLOTS),
  mask: z.string(),
  relation: z.string().nullable(),
  allowed: z.boolean(),
  blockedBy: z.enum(CALL_RULES).nullable(),
  checks: z.array(RuleCheck),
  counters: Counters,
  nextAt: z.number().int().nullable(),
});
export type SlotVerdict = z.infer<typeof SlotVerdict>;

export const ContactView = z.object({
  id: z.number().int(),
  at: z.number().int(),
  agent: z.string(),
  direction: z.enum(['out', 'in']),
  slot: z.enum(PHONE_SLOTS).nullable(),
  numberMask: z.string().nullable(),
  relation: z.enum(RELATIONS).nullable(),
  outcome: z.enum(OUTCOME_CODES),
  recording: z.enum(RECORDING_STATES),
  recorderCall: z.string().nullable(),
  recordingId: z.string().nullable(),
  promise: z
    .object({
      amountFen: z.number().int(),
      on: z.string(),
      state: z.enum(['pending', 'kept', 'broken']),
      paidFen: z.number().int(),
    })
    .nullable(),
  nextActionAt: z.number().int().nullable(),
  note: z.string(),
  corrects: z.number().int().nullable(),
  correctedBy: z.number().int().nullable(),
});
export type ContactView = z.infer<typeof ContactView>;

/** IT's labels for a shipped outcome code, and whether new records may use it. */
export const OutcomeLabel = z.object({
  code: z.enum(OUTCOME_CODES, 'contact.outcomeInvalid'),
  zh: z.string().trim().min(1, 'contact.outcomeLabel').max(40, 'contact.outcomeLabel'),
  en: z.string().trim().min(1, 'contact.outcomeLabel').max(60, 'contact.outcomeLabel'),
  active: z.boolean(),
});
export type OutcomeLabel = z.infer<typeof OutcomeLabel>;

export const ComplaintView = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  kind: z.enum(COMPLAINT_KINDS),
  grade: z.enum(COMPLAINT_GRADES),
  reason: z.string(),
  raisedBy: z.string(),
  raisedAt: z.number().int(),
  dueOn: z.string(),
  overdue: z.boolean(),
  bankNotifiedAt: z.number().int().nullable(),
  clearedBy: z.string().nullable(),
  clearedAt: z.number().int().nullable(),
  clearReason: z.string().nullable(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;

const HolidayDay = z.object({ date: z.string(), name: z.string(), off: z.boolean() });
export const YearDiff = z.object({
  year: z.number().int(),
  papers: z.array(z.string()),
  sha256: z.string(),
  replaces: z.string().nullable(),
  added: z.array(HolidayDay),
  removed: z.array(HolidayDay),
  changed: z.array(HolidayDay),
});
export type YearDiff = z.infer<typeof YearDiff>;

export const CalendarState = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      papers: z.array(z.string()),
      sha256: z.string(),
      source: z.enum(['shipped', 'imported']),
      importedBy: z.string().nullable(),
      approvedBy: z.string().nullable(),
      importedAt: z.number().int(),
      days: z.array(HolidayDay),
    }),
  ),
  nextYearMissing: z.number().int().nullable(),
  currentYearMissing: z.number().int().nullable(),
});
export type CalendarState = z.infer<typeof CalendarState>;

/** A holiday file as text (the UI reads the chosen file; the CLI reads FILE). */
const HolidayText = z
  .string()
  .min(2, 'holiday.notJson')
  .max(64 * 1024, 'holiday.fileTooLarge');

export const conductProcedures = {
  'contact.check': procedure({
    input: z.object({ caseNo: CaseNo }).strict(),
    output: z.array(SlotVerdict),
    access: 'contact.make',
    audited: false,
  }),
  'contact.start': procedure({
    input: z.object({ caseNo: CaseNo, slot: z.enum(PHONE_SLOTS, 'contact.noNumber') }).strict(),
    output: z.object({ callNo: z.string(), dialed: z.boolean(), verdict: SlotVerdict }),
    access: 'contact.make',
    audited: true,
  }),
  'contact.record': procedure({
    input: z
      .object({
        caseNo: CaseNo,
        callNo: z.uuid('contact.unknownCall').optional(),
        inbound: z.boolean().optional(),
        corrects: z.number().int().positive().optional(),
        relation: z.enum(RELATIONS).optional(),
        outcome: z.enum(OUTCOME_CODES, 'contact.outcomeInvalid'),
        promise: z.object({ amountFen: Fen, on: Day }).strict().optional(),
        nextActionAt: z.number().int().positive().optional(),
        note: Note,
        recorderCall: RecorderId.optional(),
        recordingId: RecorderId.optional(),
        refused: z.boolean().optional(),
        grade: z.enum(COMPLAINT_GRADES).optional(),
      })
      .strict(),
    output: z.object({ record: z.number().int(), recording: z.enum(RECORDING_STATES), hold: z.boolean() }),
    access: 'contact.make',
    audited: true,
  }),
  'contact.outcomes': procedure({ input: Empty, output: z.array(OutcomeLabel), access: 'session', audited: false }),
  'contact.setOutcome': procedure({
    input: OutcomeLabel.extend({ reason: Reason }).strict(),
    output: z.array(OutcomeLabel),
    access: 'policy.manage',
    audited: true,
  }),
  'contact.history': procedure({
    input: z.object({ caseNo: CaseNo }).strict(),
    output: z.array(ContactView),
    access: 'session',
    audited: true,
  }),
  'contact.override': procedure({
    input: z.object({ caseNo: CaseNo, rule: z.enum(OVERRIDABLE_RULES, 'contact.floorRule'), reason: Reason }).strict(),
    output: z.object({ day: z.string() }),
    access: 'contact.override',
    audited: true,
    sensitive: true,
  }),
  'payment.record': procedure({
    input: z.object({ caseNo: CaseNo, amountFen: Fen, paidOn: Day }).strict(),
    output: z.object({ payment: z.number().int() }),
    access: 'payment.record',
    audited: true,
  }),
  'complaint.raise': procedure({
    input: z
      .object({
        caseNo: CaseNo,
        kind: z.enum(COMPLAINT_KINDS).default('complaint'),
        grade: z.enum(COMPLAINT_GRADES, 'complaint.gradeRequired'),
        reason: Reason,
      })
      .strict(),
    output: z.object({ complaint: z.number().int(), dueOn: z.string(), cases: z.number().int() }),
    access: 'session',
    audited: true,
  }),
  'complaint.clear': procedure({
    input: z.object({ caseNo: CaseNo, reason: Reason }).strict(),
    output: z.object({ cleared: z.number().int(), stillHeld: z.boolean() }),
    access: 'complaint.manage',
    audited: true,
  }),
  'complaint.notifyBank': procedure({
    input: z.object({ caseNo: CaseNo }).strict(),
    output: z.object({ marked: z.number().int() }),
    access: 'complaint.manage',
    audited: true,
  }),
  'complaint.list': procedure({
    input: z.object({ openOnly: z.boolean().default(true), caseNo: CaseNo.optional() }).strict(),
    output: z.array(ComplaintView),
    access: 'session',
    audited: false,
  }),
  'holiday.calendar': procedure({
    input: z.object({}).strict(),
    output: CalendarState,
    access: 'session',
    audited: false,
  }),
  'holiday.check': procedure({
    input: z.object({ text: HolidayText }).strict(),
    output: YearDiff,
    access: 'holiday.manage',
    audited: true,
  }),
  'holiday.import': procedure({
    input: z
      .object({ text: HolidayText, sha256: z.string().regex(/^[0-9a-f]{64}$/), approval: Approval.optional() })
      .strict(),
    output: YearDiff,
    access: 'holiday.manage',
    audited: true,
    sensitive: true,
  }),
} as const;
