/** The access log as users reach it: list, verify (with an anchor), anchor, export. */
import type { DetailOf } from '../../../shared/audit-actions';
import type { Anchor, AuditEventView, AuditFilter, ExportFormat, VerifyReport } from '../../../shared/contract';
import { fail } from '../errors';
import type { Queryable } from '../store/store';
import { AUDIT_PAGE } from './audit-log';
import { requireSyncStandby } from '../floor/replication';
import type { Session } from '../session/session';

type Search = Omit<DetailOf<'audit.searched'>, 'matched'>;

/** The searches each session has logged: the same one again (a further page, a refresh) is not. */
const searched = new WeakMap<Session, Set<string>>();
/** A session that runs more distinct searches than this starts its memory again (still logged). */
const SEARCHES_REMEMBERED = 1_000;

/**
 * Reads the access log for a search, logging the search (its filters and how many events matched)
 * in the read's transaction the first time this session runs it. Paging through the results or
 * re-reading them is not logged again, so a scroll does not flood the log it reads.
 */
export async function loggedSearch<T>(
  session: Session,
  search: Search,
  read: (db: Queryable) => Promise<T>,
  matched: (value: T) => number,
): Promise<T> {
  const key = JSON.stringify([
    search.view,
    search.actor ?? null,
    search.action ?? null,
    search.from ?? null,
    search.to ?? null,
  ]);
  await session.vault.settleLog();
  const seen = searched.get(session) ?? new Set<string>();
  if (seen.has(key)) return read(session.vault.db);
  const value = await session.audited(async (tx) => {
    const found = await read(tx);
    return { value: found, event: session.event('audit.searched', 'ok', null, { ...search, matched: matched(found) }) };
  });
  if (seen.size >= SEARCHES_REMEMBERED) seen.clear();
  searched.set(session, seen.add(key));
  return value;
}

/** One page of a search of the log, newest first; each distinct search is logged once per session. */
export function listAudit(
  session: Session,
  filter: Required<Pick<AuditFilter, 'limit'>> & AuditFilter,
): Promise<{ events: AuditEventView[]; total: number }> {
  const search: Search = { view: 'log' };
  if (filter.actor) search.actor = filter.actor;
  if (filter.action) search.action = filter.action;
  if (filter.from !== undefined) search.from = filter.from;
  if (filter.to !== undefined) search.to = filter.to;
  return loggedSearch(
    session,
    search,
    (db) => session.vault.audit.list(db, filter),
    (found) => found.total,
  );
}

export async function verifyAudit(
  session: Session,
  options: { anchor?: Anchor | undefined; onProgress?: (done: number, total: number) => void } = {},
): Promise<VerifyReport> {
  await session.vault.db.assertIntact();
  await session.vault.settleLog();
  const report = await session.vault.audit.verify(session.vault.db, options);
  // Logged after it ran, so the report describes the chain as it was.
  await session.log(
    session.event('audit.verified', report.intact ? 'ok' : 'failed', null, {
      checked: report.checked,
      headSeq: report.headSeq,
      firstBrokenSeq: report.firstBrokenSeq,
      anchor: report.anchor,
      anchorSeq: options.anchor?.seq ?? null,
    }),
  );
  return report;
}

/** The chain head to copy into the paper ledger; its export is itself logged. */
export async function exportAnchor(session: Session): Promise<Anchor> {
  await session.vault.settleLog();
  return session.audited(async (tx) => {
    // On a floor with a standby: anchor only what the synchronous standby holds (docs/floor-ha.md).
    await requireSyncStandby(tx, session.vault);
    const anchor = await session.vault.audit.anchor(tx, session.vault.now());
    return {
      value: anchor,
      event: session.event('audit.anchorExported', 'ok', null, { seq: anchor.seq, hash: anchor.hash }),
    };
  });
}

/** Where each session's export has got to: a page is handed out only to the export it continues. */
const exportCursors = new WeakMap<Session, number>();

/** One page of a whole-log export; the export is logged before its first page is handed out. */
export async function exportPage(
  session: Session,
  format: ExportFormat,
  afterSeq: number,
): Promise<{ events: AuditEventView[]; nextAfterSeq: number | null }> {
  const { audit, db } = session.vault;
  if (afterSeq === 0) await session.log(session.event('audit.exported', 'ok', null, { format }));
  else if (exportCursors.get(session) !== afterSeq) fail('INPUT_REJECTED', 'audit.exportNotStarted');
  // After the export's own event: on a floor it is chained (with everything before it) by now.
  await session.vault.settleLog();
  const events = await audit.page(db, afterSeq);
  const last = events[events.length - 1];
  const next = last && events.length === AUDIT_PAGE ? last.seq : null;
  if (next === null) exportCursors.delete(session);
  else exportCursors.set(session, next);
  return { events, nextAfterSeq: next };
}
