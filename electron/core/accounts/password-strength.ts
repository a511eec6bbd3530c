/**
 * The blocklist: common passwords (zxcvbn-ts's list of ~49,000), keyboard walks, sequences,
 * dates, the product's and trade's names, and a new password too close to the previous one.
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** Words no password may lean on: the product, the trade (pinyin), the customer's world. */
export const CONTEXT_WORDS = [
  'strongroom',
  'cuishou',
  'cuishouyuan',
  'cuikuan',
  'waifang',
  'dianchui',
  'dianhua',
  'yinhang',
  'xinyongka',
  'jinrong',
  'waibao',
  'kefu',
  'pinkong',
  'jihe',
  'huankuan',
  'qiankuan',
  'zhaiwu',
  'collection',
  'collector',
  'bank',
] as const;

let configured = false;
function configure(): void {
  if (configured) return;
  zxcvbnOptions.setOptions({
    dictionary: { ...common.dictionary, context: [...CONTEXT_WORDS] },
    graphs: common.adjacencyGraphs,
  });
  configured = true;
}

export type StrengthProblem = 'common' | 'context' | 'pattern' | 'similar';

/** Below 10^6 guesses (zxcvbn score ≤ 1) a password falls to an online or small offline attack. */
const MIN_SCORE = 2;

export function strengthProblem(
  password: string,
  context: { username: string; displayName?: string; companyWords?: readonly string[]; previous?: string },
): StrengthProblem | null {
  configure();
  const userWords = [context.username, context.displayName ?? '', ...(context.companyWords ?? [])]
    .flatMap((w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((w) => w.length >= 3);
  const lower = password.toLowerCase();
  if (userWords.some((w) => lower.includes(w))) return 'context';
  const result = zxcvbn(password, userWords);
  if (result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'context' && m.token.length >= 4))
    return 'context';
  if (result.score < MIN_SCORE) {
    const dictionary = result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords');
    return dictionary ? 'common' : 'pattern';
  }
  if (context.previous !== undefined && tooSimilar(password, context.previous)) return 'similar';
  return null;
}

/** Same letters with other digits (Vault2026 → Vault2027), or only a couple of edits apart. */
export function tooSimilar(next: string, previous: string): boolean {
  const a = next.toLowerCase();
  const b = previous.toLowerCase();
  const letters = (s: string): string => s.replace(/[^\p{L}]/gu, '');
  if (letters(a).length >= 3 && letters(a) === letters(b)) return true;
  return editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 4));
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}
