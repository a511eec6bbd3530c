/**
 * 二人审批 on the CLI, and the notices a sign-in shows: when IT's action needs a second person (an auditor or general manager,
 * not the account concerned), that person types their own password here, without echo. Their
 * username comes from --approver, or on a terminal they type it when the CLI asks.
 */
import type { AccountDetail } from '../../shared/contract';
import { isIndependentRole, needsSecondPerson, type TwoPersonAction } from '../../shared/permissions';
import type { Role } from '../../shared/roles';
import { normaliseUsername } from '../core/keyring/keyring';
import type { CliContext } from './context';
import { noticeLine } from './notices-text';

export interface Approval {
  username: string;
  password: string;
}

export const APPROVER_FLAGS = '--approver <name>';
export const APPROVER_ABOUT = 'a second person (auditor or gm) who approves here; they type their password next';

/** The --help lines for the approver's stdin line. */
export function approverHelp(line: number): string {
  return (
    `\n  ${line}. with --approver: the approver's password (typed by them)\n` +
    "An auditor's or general manager's account (reset, add, or a role change to one) needs a second\n" +
    'person holding auditor or gm, not the account itself and not you, to approve at this seat: pass\n' +
    '--approver NAME, or on a terminal leave it out and they type their username when asked.'
  );
}

/** Whether, as far as the account list shows, the core will ask for a second person. */
function needed(accounts: AccountDetail[], action: TwoPersonAction, target: string, role: Role): boolean {
  const another = accounts.some((a) => a.state !== 'closed' && isIndependentRole(a.role) && a.username !== target);
  return needsSecondPerson(action, role, another);
}

/** After a sign-in: prints what others did to the account since it last looked, and marks it seen. */
export async function tellNotices(ctx: CliContext, me: string): Promise<void> {
  const { notices, more, through } = await ctx.call('account.notices', {});
  if (notices.length === 0) return;
  for (const n of [...notices].reverse()) await ctx.out.line(noticeLine(n, me));
  if (more > 0) await ctx.out.line(`notice: ${more} older notices are in the access log`);
  await ctx.call('account.noticesSeen', { through });
}

/**
 * Asks for the approval inside the session: with --approver, its password (the next secret);
 * on a terminal without it, the approver's username and password when the action needs them.
 * `role`: the role the account has (reset) or is to have; `undefined`: look it up (reset).
 */
export async function askApproval(
  ctx: CliContext,
  approver: string | undefined,
  action: TwoPersonAction,
  username: string,
  role: Role | undefined,
): Promise<Approval | undefined> {
  if (approver !== undefined)
    return { username: approver, password: await ctx.secrets.secret(`password of the approver ${approver}`) };
  if (!ctx.secrets.interactive) return undefined;
  const target = normaliseUsername(username);
  const accounts = await ctx.call('account.list', {});
  const as = role ?? accounts.find((a) => a.username === target)?.role;
  if (as === undefined || !needed(accounts, action, target, as)) return undefined;
  const name = await ctx.secrets.ask(`this needs a second person (auditor or gm) at this seat: their username`);
  return { username: name, password: await ctx.secrets.secret(`password of ${name.trim()}`) };
}
