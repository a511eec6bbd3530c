/** visit.* procedures: field visits (外访), requested, approved in two steps, reported. */
import { z } from 'zod';
import { OUTCOME_CODES, RECORDER_ID } from '../conduct';
import { isDay } from '../seat-day';
import { CaseNo } from './cases';
import { Reason, Username } from './fields';
import { procedure } from './procedure';

const Day = z.string().refine(isDay, 'contact.badDay');
export const ADDRESS_KINDS = ['home', 'work', 'registered'] as const;
export const ADDRESS_STATUSES = ['valid', 'moved', 'vacant', 'notFound'] as const;
export const VISIT_STATES = ['requested', 'leadApproved', 'approved', 'refused', 'done'] as const;

export const VisitView = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  addressKind: z.enum(ADDRESS_KINDS),
  reason: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(VISIT_STATES),
  requestedBy: z.string(),
  requestedAt: z.number().int(),
  leadBy: z.string().nullable(),
  fieldBy: z.string().nullable(),
  visitors: z.array(z.string()),
  arrivedAt: z.number().int().nullable(),
  outcome: z.string().nullable(),
});
export type VisitView = z.infer<typeof VisitView>;

export const visitProcedures = {
  'visit.request': procedure({
    input: z
      .object({
        caseNo: CaseNo,
        addressKind: z.enum(ADDRESS_KINDS),
        reason: Reason,
        from: Day,
        to: Day,
      })
      .strict(),
    output: z.object({ visit: z.number().int() }),
    access: 'contact.make',
    audited: true,
  }),
  'visit.decide': procedure({
    input: z
      .object({
        visit: z.number().int().positive(),
        approve: z.boolean(),
        visitors: z.array(Username).max(2).optional(),
      })
      .strict(),
    output: z.object({ state: z.enum(VISIT_STATES) }),
    access: 'visit.approve',
    audited: true,
  }),
  'visit.report': procedure({
    input: z
      .object({
        visit: z.number().int().positive(),
        arrivedAt: z.number().int().positive(),
        leftAt: z.number().int().positive(),
        addressStatus: z.enum(ADDRESS_STATUSES),
        personMet: z.string().trim().min(1).max(40),
        consent: z.boolean(),
        outcome: z.enum(OUTCOME_CODES, 'contact.outcomeInvalid'),
        promise: z.object({ amountFen: z.number().int().positive(), on: Day }).strict().optional(),
        media: z.array(z.string().regex(RECORDER_ID, 'contact.recorderId')).max(50).default([]),
      })
      .strict(),
    output: z.object({ state: z.enum(VISIT_STATES) }),
    access: 'contact.make',
    audited: true,
  }),
  'visit.list': procedure({
    input: z.object({ caseNo: CaseNo.optional() }).strict(),
    output: z.array(VisitView),
    access: 'session',
    audited: false,
  }),
} as const;
