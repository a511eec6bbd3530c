/**
 * The cases part of the lead's board: each agent's open cases and first contacts overdue, within
 * the caller's view (a lead: the team; a director or QC: all).
 */
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { visible, type CaseScope } from './case-scope';

export interface OverdueFirstContact {
  caseNo: string;
  assigneeId: number;
  due: number;
}

export async function caseFigures(
  db: Queryable,
  scope: CaseScope,
  hours: number,
  now: number,
): Promise<{ openByAgent: Map<number, number>; overdue: OverdueFirstContact[] }> {
  const rows = await db.all<{ assignee_id: number | string; n: number | string }>(
    sql`SELECT c.assignee_id, count(*) AS n FROM cases c
        WHERE ${visible(scope)} AND c.assignee_id IS NOT NULL AND c.state = 'open' GROUP BY c.assignee_id`,
  );
  const due = sql`c.assigned_at + COALESCE(c.first_contact_hours, ${hours}) * 3600000`;
  const overdue = await db.all<{ case_no: string; assignee_id: number | string; due: number | string }>(
    sql`SELECT c.case_no, c.assignee_id, ${due} AS due FROM cases c
        WHERE ${visible(scope)} AND c.assignee_id IS NOT NULL AND c.state = 'open' AND c.last_contact_at IS NULL
          AND ${due} < ${now}
        ORDER BY due LIMIT 200`,
  );
  return {
    openByAgent: new Map(rows.map((r) => [Number(r.assignee_id), Number(r.n)])),
    overdue: overdue.map((r) => ({ caseNo: r.case_no, assigneeId: Number(r.assignee_id), due: Number(r.due) })),
  };
}
