/** IT adds a mapping template to the vault: checked against the schema, logged with the change. */
import { fail } from '../errors';
import type { Session } from '../session/session';
import { TemplateSchema } from './mapping-template';
import { allTemplates, insertTemplate } from './template-repository';

export async function addTemplate(session: Session, body: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail('INPUT_REJECTED', 'import.template.invalid');
  }
  const result = TemplateSchema.safeParse(parsed);
  if (!result.success) fail('INPUT_REJECTED', 'import.template.invalid');
  const template = result.data;
  if ((await allTemplates(session.vault.db)).some((t) => t.name === template.name))
    fail('INPUT_REJECTED', 'import.template.exists', { template: template.name });
  await session.audited(async (tx) => {
    await insertTemplate(tx, template, session.account.id, session.vault.now());
    return { value: null, event: session.event('import.templateAdded', 'ok', null, { template: template.name }) };
  });
}
