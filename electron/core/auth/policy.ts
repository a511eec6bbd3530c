/** Login and password rules with the floor's defaults (policy.md); issue-level floors apply. */
export interface AuthPolicy {
  passwordMinLength: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  passwordMinLength: 8,
  lockoutThreshold: 3,
  lockoutMinutes: 30,
};

/** Returns the rule keys the password fails (empty when it is acceptable). */
export function passwordProblems(password: string, policy: AuthPolicy = DEFAULT_AUTH_POLICY): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.passwordMinLength) problems.push('length');
  if (!/\p{L}/u.test(password)) problems.push('letter');
  if (!/\p{Nd}/u.test(password)) problems.push('digit');
  return problems;
}
