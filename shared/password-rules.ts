/** Password composition rules, shared so the change-password screen shows each rule live. */
export type CompositionRule = 'length' | 'letter' | 'digit' | 'upper' | 'lower' | 'symbol';

export interface CompositionPolicy {
  passwordMinLength: number;
  passwordClasses: readonly Exclude<CompositionRule, 'length'>[];
}

/** policy.md's floor, and every new vault's default: at least 8 characters, letters and digits. */
export const FLOOR_COMPOSITION: CompositionPolicy = { passwordMinLength: 8, passwordClasses: ['letter', 'digit'] };

const TESTS: Record<Exclude<CompositionRule, 'length'>, RegExp> = {
  letter: /\p{L}/u,
  digit: /\p{Nd}/u,
  upper: /\p{Lu}/u,
  lower: /\p{Ll}/u,
  symbol: /[^\p{L}\p{N}\s]/u,
};

/** Every rule in force, in display order, with whether the password meets it. */
export function compositionChecks(
  password: string,
  policy: CompositionPolicy,
): { rule: CompositionRule; met: boolean }[] {
  return [
    { rule: 'length' as const, met: [...password].length >= policy.passwordMinLength },
    ...policy.passwordClasses.map((rule) => ({ rule, met: TESTS[rule].test(password) })),
  ];
}

export function compositionProblems(password: string, policy: CompositionPolicy): CompositionRule[] {
  return compositionChecks(password, policy)
    .filter((c) => !c.met)
    .map((c) => c.rule);
}
