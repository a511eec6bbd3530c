/**
 * case.* and team.* procedures: the agent's workspace. What a caller sees of a case is decided in
 * the core (cases/case-scope.ts) for every one of them; values come masked, except from a reveal.
 */
import { z } from 'zod';
import {
  ASSIGN_RULES,
  CASE_NO,
  CASE_SORTS,
  CASE_STATES,
  CASE_VIEWS,
  REVEAL_FIELDS,
  REVEAL_REASONS,
  SEARCH_KINDS,
  TEAM_NAME,
} from '../cases';
import { ROLES } from '../roles';
import { Empty, Ok, Reason, Username } from './fields';
import { procedure } from './procedure';

export const CaseNo = z.string().trim().regex(CASE_NO, 'case.unknown');
export const TeamName = z.string().trim().regex(TEAM_NAME, 'team.nameInvalid');
const BatchId = z.number().int().positive();
const Fen = z.number().int().nonnegative();

/** Which cases: a view, narrowed by batch, assignee, state, amounts, and one exact search. */
export const CaseFilter = z
  .object({
    view: z.enum(CASE_VIEWS).default('all'),
    batchId: BatchId.optional(),
    assignee: Username.optional(),
    state: z.enum(CASE_STATES).optional(),
    minFen: Fen.optional(),
    maxFen: Fen.optional(),
    minDaysOverdue: z.number().int().nonnegative().optional(),
    search: z
      .object({
        kind: z.enum(SEARCH_KINDS),
        text: z.string().trim().min(1, 'case.searchInvalid').max(64, 'case.searchInvalid'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CaseFilter = z.output<typeof CaseFilter>;

/** Who works a case and its deadlines: the same in the list and on the case page. */
export const CaseAssignment = z.object({
  assignee: z.string().nullable(),
  team: z.string().nullable(),
  assignedAt: z.number().int().nullable(),
  firstContactDue: z.number().int().nullable(),
  lastContactAt: z.number().int().nullable(),
  nextActionAt: z.number().int().nullable(),
});
export type CaseAssignment = z.infer<typeof CaseAssignment>;

export const CaseRow = CaseAssignment.extend({
  caseNo: z.string(),
  batchNo: z.string(),
  state: z.enum(CASE_STATES),
  name: z.string().nullable(),
  mobile: z.string().nullable(),
  amountFen: z.number().int(),
  daysOverdue: z.number().int().nullable(),
});
export type CaseRow = z.infer<typeof CaseRow>;

const Masked = z.object({ field: z.enum(REVEAL_FIELDS), value: z.string(), ordinal: z.number().int().optional() });

export const CasePage = CaseAssignment.extend({
  caseNo: z.string(),
  batchId: z.number().int(),
  batchNo: z.string(),
  state: z.enum(CASE_STATES),
  /** Whether the values below are shown at all (a stored or destroyed case shows none). */
  showable: z.boolean(),
  /** In full for the assigned agent (identity check), masked for everyone else. */
  name: z.string().nullable(),
  gender: z.enum(['', 'M', 'F']),
  amountFen: z.number().int(),
  principalFen: z.number().int().nullable(),
  daysOverdue: z.number().int().nullable(),
  bucket: z.string().nullable(),
  assignedOn: z.string().nullable(),
  returnOn: z.string().nullable(),
  fields: z.array(Masked),
  contacts: z.array(
    z.object({
      ordinal: z.number().int(),
      name: z.string().nullable(),
      relation: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  canReveal: z.boolean(),
});
export type CasePage = z.infer<typeof CasePage>;

export const TeamView = z.object({
  name: z.string(),
  members: z.array(z.object({ username: z.string(), displayName: z.string(), role: z.enum(ROLES), lead: z.boolean() })),
});

export const caseProcedures = {
  'case.count': procedure({
    input: z.object({ batchId: BatchId.optional() }).strict(),
    output: z.object({ count: z.number().int() }),
    access: 'session',
    audited: false,
  }),
  'case.batches': procedure({
    input: Empty,
    output: z.array(
      z.object({
        id: z.number().int(),
        batchNo: z.string(),
        template: z.string(),
        archiveSha256: z.string(),
        ceremonyId: z.string(),
        importedAt: z.number().int(),
        caseCount: z.number().int(),
        totalFen: z.number().int(),
      }),
    ),
    access: 'session',
    audited: false,
  }),
  'case.list': procedure({
    input: z
      .object({
        filter: CaseFilter,
        sort: z.enum(CASE_SORTS).default('daysOverdue'),
        descending: z.boolean().default(true),
        offset: z.number().int().nonnegative().max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(CaseRow) }),
    access: 'session',
    audited: true,
  }),
  'case.get': procedure({
    input: z.object({ caseNo: CaseNo }).strict(),
    output: CasePage,
    access: 'session',
    audited: true,
  }),
  'case.reveal': procedure({
    input: z
      .object({
        caseNo: CaseNo,
        field: z.enum(REVEAL_FIELDS),
        ordinal: z.number().int().min(1).max(3).optional(),
        reason: z.enum(REVEAL_REASONS, 'case.reasonRequired'),
        note: z.string().trim().max(200, 'case.noteTooLong').optional(),
      })
      .strict(),
    output: z.object({ value: z.string(), seconds: z.number().int() }),
    access: 'case.reveal',
    audited: true,
    sensitive: true,
  }),
  'case.copy': procedure({
    input: z
      .object({ caseNo: CaseNo, field: z.enum(REVEAL_FIELDS), ordinal: z.number().int().min(1).max(3).optional() })
      .strict(),
    output: z.object({ seconds: z.number().int() }),
    access: 'case.reveal',
    audited: true,
  }),
  'case.extendFirstContact': procedure({
    input: z
      .object({
        caseNo: CaseNo,
        hours: z.number().int().min(1).max(72, 'case.extensionTooLong'),
        reason: Reason,
      })
      .strict(),
    output: z.object({ due: z.number().int() }),
    access: 'case.extendFirstContact',
    audited: true,
  }),
  'case.assign': procedure({
    input: z
      .object({
        /** Named cases, or every case a filter finds (in the caller's view). */
        caseNos: z.array(CaseNo).min(1).max(100_000).optional(),
        filter: CaseFilter.optional(),
        rule: z.enum(ASSIGN_RULES).default('direct'),
        /** One agent (direct), or the agents to spread over; none: back to the team's pool. */
        to: z.array(Username).max(200).default([]),
        /** A director hands cases to a team without naming an agent. */
        team: TeamName.optional(),
      })
      .strict(),
    output: z.object({ assigned: z.number().int() }),
    access: 'case.assign',
    audited: true,
  }),
} as const;

export const teamProcedures = {
  'team.list': procedure({ input: Empty, output: z.array(TeamView), access: 'session', audited: false }),
  'team.create': procedure({
    input: z.object({ name: TeamName }).strict(),
    output: Ok,
    access: 'team.manage',
    audited: true,
  }),
  'team.addMember': procedure({
    input: z.object({ team: TeamName, username: Username, lead: z.boolean().default(false) }).strict(),
    output: Ok,
    access: 'team.manage',
    audited: true,
  }),
  'team.removeMember': procedure({
    input: z.object({ username: Username }).strict(),
    output: Ok,
    access: 'team.manage',
    audited: true,
  }),
} as const;
