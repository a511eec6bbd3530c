/**
 * The outcome list (two levels, shipped in zh and en: shared/conduct.ts and the catalogs) as IT
 * adapts it within its structure: a code's labels renamed, a code retired from new records (or
 * brought back). Codes, groups and what each code means for the rules never change here.
 */
import { OUTCOMES, type OutcomeCode } from '../../../shared/conduct';
import { maskFreeText } from '../../../shared/masking';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';

export interface OutcomeLabel {
  code: OutcomeCode;
  zh: string;
  en: string;
  active: boolean;
}

export async function outcomeLabels(db: Queryable): Promise<OutcomeLabel[]> {
  const rows = await db.all<{ code: OutcomeCode; label_zh: string; label_en: string; active: number | string }>(
    sql`SELECT code, label_zh, label_en, active FROM outcome_labels ORDER BY code`,
  );
  return rows
    .filter((r) => r.code in OUTCOMES)
    .map((r) => ({ code: r.code, zh: r.label_zh, en: r.label_en, active: Number(r.active) === 1 }));
}

/** A record's outcome must be a code IT has not retired. */
export async function assertActive(db: Queryable, code: OutcomeCode): Promise<void> {
  const row = await db.get<{ active: number | string }>(sql`SELECT active FROM outcome_labels WHERE code = ${code}`);
  if (row && Number(row.active) === 0) fail('INPUT_REJECTED', 'contact.outcomeRetired', { code });
}

export async function setOutcomeLabel(
  session: Session,
  label: OutcomeLabel & { reason: string },
): Promise<OutcomeLabel[]> {
  await session.audited(async (tx) => {
    await tx.run(
      sql`INSERT INTO outcome_labels (code, label_zh, label_en, active, changed_by, changed_at)
          VALUES (${label.code}, ${label.zh}, ${label.en}, ${label.active ? 1 : 0}, ${session.account.id}, ${session.vault.now()})
          ON CONFLICT (code) DO UPDATE SET label_zh = excluded.label_zh, label_en = excluded.label_en,
            active = excluded.active, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
    );
    return {
      value: null,
      event: session.event('outcome.changed', 'ok', null, {
        code: label.code,
        zh: maskFreeText(label.zh),
        en: maskFreeText(label.en),
        active: label.active,
        reason: label.reason,
      }),
    };
  });
  return outcomeLabels(session.vault.db);
}
