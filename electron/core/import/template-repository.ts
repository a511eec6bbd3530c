/** Mapping templates: the shipped ones and those IT added to this vault (import_templates). */
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { SHIPPED_TEMPLATES, TemplateSchema, type MappingTemplate } from './mapping-template';

/** Every template the importer tries: shipped first, then the vault's (a stored one that no longer parses is skipped). */
export async function allTemplates(db: Queryable): Promise<MappingTemplate[]> {
  const rows = await db.all<{ body: string }>(sql`SELECT body FROM import_templates ORDER BY name`);
  const added = rows.flatMap((r) => {
    try {
      const parsed = TemplateSchema.safeParse(JSON.parse(r.body));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
  return [...SHIPPED_TEMPLATES, ...added];
}

export async function insertTemplate(tx: Queryable, template: MappingTemplate, by: number, at: number): Promise<void> {
  await tx.run(
    sql`INSERT INTO import_templates (name, body, added_by, added_at) VALUES (${template.name}, ${JSON.stringify(template)}, ${by}, ${at})`,
  );
}
