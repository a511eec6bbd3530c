/** board.lead: the lead's board (组长看板), compliance beside recovery. */
import { z } from 'zod';
import { ComplaintView } from './conduct';
import { Empty } from './fields';
import { procedure } from './procedure';

const Int = z.number().int();

export const LeadBoard = z.object({
  team: z.string().nullable(),
  agents: z.array(
    z.object({
      username: z.string(),
      open: Int,
      firstContactOverdue: Int,
      callsToday: Int,
      reachedToday: Int,
      recordingsMissing: Int,
      promisesBroken: Int,
    }),
  ),
  firstContactOverdue: z.array(z.object({ caseNo: z.string(), agent: z.string(), due: Int })),
  recordingsMissing: z.array(z.object({ record: Int, caseNo: z.string(), agent: z.string(), at: Int })),
  holds: z.array(ComplaintView),
  promisesBroken: z.array(
    z.object({ record: Int, caseNo: z.string(), agent: z.string(), amountFen: Int, on: z.string(), paidFen: Int }),
  ),
  compliance: z.object({ connected: Int, referenced: Int, firstContactOverdue: Int, holdsOverdue: Int }),
  recovery: z.object({ recoveredFen: Int, promisesKept: Int, promisesBroken: Int }),
});
export type LeadBoard = z.infer<typeof LeadBoard>;

export const boardProcedures = {
  'board.lead': procedure({ input: Empty, output: LeadBoard, access: 'conduct.board', audited: false }),
} as const;
