/** The access log as users reach it: list, verify (with an anchor), anchor, export. */
import type { Anchor, AuditEventView, AuditFilter, ExportFormat, VerifyReport } from '../../../shared/contract';
import { fail } from '../errors';
import { AUDIT_PAGE } from './audit-log';
import type { Session } from '../session/session';

export function listAudit(
  session: Session,
  filter: Required<Pick<AuditFilter, 'limit'>> & AuditFilter,
): Promise<{ events: AuditEventView[]; total: number }> {
  return session.vault.audit.list(session.vault.db, filter);
}

export async function verifyAudit(
  session: Session,
  options: { anchor?: Anchor | undefined; onProgress?: (done: number, total: number) => void } = {},
): Promise<VerifyReport> {
  await session.vault.db.assertIntact();
  const report = await session.vault.audit.verify(session.vault.db, options);
  // Logged after it ran, so the report describes the chain as it was.
  await session.audited(() =>
    Promise.resolve({
      value: null,
      event: session.event('audit.verified', report.intact ? 'ok' : 'failed', null, {
        checked: report.checked,
        headSeq: report.headSeq,
        firstBrokenSeq: report.firstBrokenSeq,
        anchor: report.anchor,
        anchorSeq: options.anchor?.seq ?? null,
      }),
    }),
  );
  return report;
}

/** The chain head to copy into the paper ledger; its export is itself logged. */
export function exportAnchor(session: Session): Promise<Anchor> {
  return session.audited(async (tx) => {
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
  if (afterSeq === 0)
    await session.audited(() =>
      Promise.resolve({ value: null, event: session.event('audit.exported', 'ok', null, { format }) }),
    );
  else if (exportCursors.get(session) !== afterSeq) fail('INPUT_REJECTED', 'audit.exportNotStarted');
  const events = await audit.page(db, afterSeq);
  const last = events[events.length - 1];
  const next = last && events.length === AUDIT_PAGE ? last.seq : null;
  if (next === null) exportCursors.delete(session);
  else exportCursors.set(session, next);
  return { events, nextAfterSeq: next };
}
