/**
 * The contacts part of the lead's board, for one team (or all): today's calls and reached debtors
 * per agent, records whose recording is missing, promises broken, and the month's compliance and
 * recovery figures. Records and payments carry their team, so no case is read here.
 */
import { seatDay } from '../../../shared/seat-day';
import { rawSql, sql, type Sql } from '../store/sql';
import type { Queryable } from '../store/store';
import { promiseState } from './promises';

export interface AgentDay {
  calls: number;
  reached: number;
}

export interface MissingRecording {
  record: number;
  caseId: number;
  agentId: number;
  at: number;
}

export interface BrokenPromise {
  record: number;
  caseId: number;
  agentId: number;
  amountFen: number;
  on: string;
  paidFen: number;
}

export interface ContactFigures {
  today: Map<number, AgentDay>;
  missing: MissingRecording[];
  broken: BrokenPromise[];
  /** The last 30 days: connected calls, and those with their recording referenced. */
  connected: number;
  referenced: number;
  promisesKept: number;
  recoveredFen: number;
}

const EFFECTIVE = sql`NOT EXISTS (SELECT 1 FROM contact_records x WHERE x.corrects = r.id)`;

/** `agentIds`: the team's members (calls carry their agent); null: every agent. */
export async function contactFigures(
  db: Queryable,
  teamId: number | null,
  agentIds: readonly number[] | null,
  now: number,
): Promise<ContactFigures> {
  const today = seatDay(now);
  const since = now - 30 * 86_400_000;
  const month = `${today.slice(0, 7)}-01`;
  const team: Sql = teamId === null ? rawSql('1 = 1') : sql`r.team_id = ${teamId}`;
  const calls = await db.all<{ agent_id: number | string; n: number | string }>(
    sql`SELECT agent_id, count(*) AS n FROM contact_calls WHERE day = ${today} GROUP BY agent_id`,
  );
  const reached = await db.all<{ agent_id: number | string; n: number | string }>(
    sql`SELECT r.agent_id, count(*) AS n FROM contact_records r
        WHERE r.day = ${today} AND r.call_id IS NOT NULL AND r.with_debtor = 1 AND ${EFFECTIVE} AND ${team}
        GROUP BY r.agent_id`,
  );
  const todayMap = new Map<number, AgentDay>();
  const slot = (id: number) => todayMap.get(id) ?? todayMap.set(id, { calls: 0, reached: 0 }).get(id)!;
  for (const c of calls) {
    const id = Number(c.agent_id);
    if (agentIds === null || agentIds.includes(id)) slot(id).calls = Number(c.n);
  }
  for (const r of reached) slot(Number(r.agent_id)).reached = Number(r.n);
  const missing = await db.all<{
    id: number | string;
    case_id: number | string;
    agent_id: number | string;
    recorded_at: number | string;
  }>(
    sql`SELECT r.id, r.case_id, r.agent_id, r.recorded_at FROM contact_records r
        WHERE r.recording = 'missing' AND ${EFFECTIVE} AND ${team} ORDER BY r.recorded_at DESC LIMIT 200`,
  );
  const quality = await db.get<{ connected: number | string | null; referenced: number | string | null }>(
    sql`SELECT sum(r.connected) AS connected, sum(CASE WHEN r.recording = 'referenced' AND r.connected = 1 THEN 1 ELSE 0 END) AS referenced
        FROM contact_records r WHERE r.recorded_at >= ${since} AND ${EFFECTIVE} AND ${team}`,
  );
  const promises = await db.all<{
    id: number | string;
    case_id: number | string;
    agent_id: number | string;
    day: string;
    promise_fen: number | string;
    promise_on: string;
  }>(
    sql`SELECT r.id, r.case_id, r.agent_id, r.day, r.promise_fen, r.promise_on FROM contact_records r
        WHERE r.promise_fen IS NOT NULL AND r.promise_on >= ${seatDay(since)} AND ${EFFECTIVE} AND ${team}
        ORDER BY r.promise_on`,
  );
  const broken: BrokenPromise[] = [];
  let kept = 0;
  for (const p of promises) {
    const fen = Number(p.promise_fen);
    const state = await promiseState(db, Number(p.case_id), { day: p.day, on: p.promise_on, fen }, today);
    if (state.state === 'kept') kept += 1;
    if (state.state === 'broken')
      broken.push({
        record: Number(p.id),
        caseId: Number(p.case_id),
        agentId: Number(p.agent_id),
        amountFen: fen,
        on: p.promise_on,
        paidFen: state.paidFen,
      });
  }
  const recovered = await db.get<{ fen: number | string | null }>(
    sql`SELECT sum(r.amount_fen) AS fen FROM payments r WHERE r.paid_on >= ${month} AND ${team}`,
  );
  return {
    today: todayMap,
    missing: missing.map((m) => ({
      record: Number(m.id),
      caseId: Number(m.case_id),
      agentId: Number(m.agent_id),
      at: Number(m.recorded_at),
    })),
    broken,
    connected: Number(quality?.connected ?? 0),
    referenced: Number(quality?.referenced ?? 0),
    promisesKept: kept,
    recoveredFen: Number(recovered?.fen ?? 0),
  };
}
