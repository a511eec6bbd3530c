/** Every domain's handlers in one table; its type makes a missing or extra one a build error. */
import type { ProcedureName } from '../../../shared/contract';
import { roleHandlers } from '../access/handlers';
import { accountHandlers } from '../accounts/handlers';
import { auditHandlers } from '../audit/handlers';
import { caseHandlers } from '../cases/handlers';
import { complaintHandlers } from '../complaints/handlers';
import { contactHandlers, paymentHandlers } from '../contacts/handlers';
import { holidayHandlers } from '../holidays/handlers';
import { visitHandlers } from '../visits/handlers';
import { boardHandlers } from '../board/handlers';
import { importHandlers } from '../import/handlers';
import { ledgerHandlers } from '../ledger/handlers';
import { policyHandlers } from '../policy/handlers';
import { seatHandlers } from '../seats/handlers';
import { sessionHandlers } from '../session/handlers';
import { teamHandlers } from '../teams/handlers';
import { vaultHandlers } from '../vault/handlers';
import type { Handler } from './call-context';

export type Handlers = { [N in ProcedureName]: Handler<N> };

export const handlers: Handlers = {
  ...vaultHandlers,
  ...sessionHandlers,
  ...accountHandlers,
  ...seatHandlers,
  ...roleHandlers,
  ...policyHandlers,
  ...ledgerHandlers,
  ...auditHandlers,
  ...importHandlers,
  ...caseHandlers,
  ...teamHandlers,
  ...contactHandlers,
  ...paymentHandlers,
  ...complaintHandlers,
  ...holidayHandlers,
  ...visitHandlers,
  ...boardHandlers,
};
