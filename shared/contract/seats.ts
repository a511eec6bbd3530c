/** 专机专用 — seats: which accounts may sign in where, and which seat is the import station. */
import { z } from 'zod';
import { Empty, Ok, SeatIdSchema, Username } from './fields';
import { procedure } from './procedure';

export const SeatView = z.object({
  seatId: z.string(),
  label: z.string(),
  importStation: z.boolean(),
  firstSeenAt: z.number().int(),
  lastSeenAt: z.number().int(),
  accounts: z.array(z.string()),
});
export type SeatView = z.infer<typeof SeatView>;

const Binding = z.object({ username: Username, seatId: SeatIdSchema }).strict();

export const seatProcedures = {
  'seat.list': procedure({ input: Empty, output: z.array(SeatView), access: 'seat.read', audited: false }),
  'seat.bind': procedure({ input: Binding, output: Ok, access: 'seat.manage', audited: true, sensitive: true }),
  'seat.unbind': procedure({ input: Binding, output: Ok, access: 'seat.manage', audited: true, sensitive: true }),
  'seat.flag': procedure({
    input: z.object({ seatId: SeatIdSchema, importStation: z.boolean() }).strict(),
    output: Ok,
    access: 'seat.manage',
    audited: true,
    sensitive: true,
  }),
} as const;
