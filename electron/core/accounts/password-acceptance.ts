/** Whether a new password may be used: the composition rule first (what the user sees), then the blocklist. */
import { compositionProblems } from '../../../shared/password-rules';
import { fail } from '../errors';
import type { Policy } from '../policy/policy';
import { strengthProblem } from './password-strength';

export function assertAcceptablePassword(
  password: string,
  policy: Policy,
  context: { username: string; displayName?: string; previous?: string },
): void {
  if (compositionProblems(password, policy).length > 0)
    fail('INPUT_REJECTED', 'password.policy', { min: policy.passwordMinLength });
  const problem = strengthProblem(password, context);
  if (problem) fail('INPUT_REJECTED', `password.${problem}`);
}
