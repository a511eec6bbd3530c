/** The action registry as people read it: `audit actions` prints it, docs/audit-actions.md is it. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../shared/audit-actions';
import { ERROR_CODES } from '../../shared/errors';
import { PERMISSIONS } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';
import { SEAT_ID_PATTERN } from '../../shared/seat-id';

const NAMED_ENUMS: [readonly string[], string][] = [
  [ROLES, 'role'],
  [PERMISSIONS, 'permission'],
  [ERROR_CODES, 'error code'],
];
const NAMED_PATTERNS: Record<string, string> = {
  [SEAT_ID_PATTERN.source]: 'seat id',
  '^[0-9a-f]{64}$': 'sha-256 hex',
  '^[a-zA-Z.]{1,64}$': 'error key',
  '^[\\p{L}\\p{N}._-]{1,64}$': 'username',
};

function enumName(values: unknown[]): string {
  const named = NAMED_ENUMS.find(([list]) => list.length === values.length && list.every((v, i) => v === values[i]));
  return named ? named[1] : values.join('|');
}

export interface ActionRow {
  action: string;
  object: string;
  detail: string;
  about: string;
}

type Json = { [key: string]: unknown };

/** A JSON-schema node in a few words: `int`, `true`, `a|b|c`, `role`, `text`, `int[]`, `{…}`, `a | b`. */
function typeOf(node: Json): string {
  if (Array.isArray(node.anyOf)) return (node.anyOf as Json[]).map(typeOf).join(' | ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return enumName(node.enum);
  if (node.type === 'array') return `${typeOf(node.items as Json)}[]`;
  if (node.type === 'object')
    return node.properties ? `{${fields(node)}}` : `{setting: ${typeOf(node.additionalProperties as Json)}}`;
  if (node.type === 'integer') return 'int';
  if (node.type === 'string') return typeof node.pattern === 'string' ? (NAMED_PATTERNS[node.pattern] ?? 'id') : 'text';
  if (Array.isArray(node.type)) return (node.type as string[]).join('|');
  return typeof node.type === 'string' ? node.type : 'any';
}

function fields(node: Json): string {
  const required = new Set((node.required as string[] | undefined) ?? []);
  return Object.entries((node.properties as Record<string, Json> | undefined) ?? {})
    .map(([name, value]) => `${name}${required.has(name) ? '' : '?'}: ${typeOf(value)}`)
    .join(', ');
}

export function actionRows(): ActionRow[] {
  return Object.entries(AUDIT_ACTIONS).flatMap(([action, shapes]) =>
    shapes.map((spec) => {
      const schema = z.toJSONSchema(spec.detail, { io: 'input', unrepresentable: 'any' }) as Json;
      const detail = Array.isArray(schema.anyOf) ? typeOf(schema) : `{${fields(schema)}}`;
      return { action, object: spec.object, detail, about: spec.about };
    }),
  );
}

export function actionsMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# Access-log actions',
    '',
    'Generated from `shared/audit-actions.ts` (`strongroom audit actions` prints the same; a test',
    'keeps this file equal to it, and `UPDATE_DOCS=1 npx vitest run tests/unit/audit/audit-actions.test.ts`',
    'rewrites it). Every event the log holds has one of these actions and matches one of its rows',
    '(a name that is both an event and a procedure has a row for each); the core refuses to append',
    'anything else. `object` says what the object column names (`none`: null). A `reason` that is',
    'text was typed by IT and is masked for card, ID and phone numbers before it is chained; the',
    '`reason` of a failed call is the error key.',
    '',
    '| action | object | detail | what happened |',
    '|---|---|---|---|',
    ...actionRows().map((r) => `| \`${r.action}\` | ${r.object} | ${cell(r.detail)} | ${cell(r.about)} |`),
    '',
  ].join('\n');
}
