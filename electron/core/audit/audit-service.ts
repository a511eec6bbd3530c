/** The access log as users reach it: list, verify (with an anchor), anchor, export. */
import type { Anchor, AuditEventView, AuditFilter, VerifyReport } from '../../../shared/contract';
import type { Session } from '../session/session';

export async function listAudit(
  session: Session,
  filter: Required<Pick<AuditFilter, 'limit'>> & AuditFilter,
): Promise<{ events: AuditEventView[]; total: number }> {
  await session.require('audit.read', 'audit.list');
  return session.vault.audit.list(session.vault.db, filter);
}

export async function verifyAudit(
  session: Session,
  options: { anchor?: Anchor | undefined; onProgress?: (done: number, total: number) => void } = {},
): Promise<VerifyReport> {
  await session.require('audit.verify', 'audit.verify');
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
export async function exportAnchor(session: Session): Promise<Anchor> {
  await session.require('audit.anchor', 'audit.anchor');
  return session.audited(async (tx) => {
    const anchor = await session.vault.audit.anchor(tx, session.vault.now());
    return {
      value: anchor,
      event: session.event('audit.anchorExported', 'ok', null, { seq: anchor.seq, hash: anchor.hash }),
    };
  });
}

/** Every event in pages; the export is logged before the first page is handed out. */
export async function* exportAudit(session: Session, format: 'jsonl' | 'csv'): AsyncGenerator<AuditEventView[]> {
  await session.require('audit.export', 'audit.export');
  await session.audited(() =>
    Promise.resolve({ value: null, event: session.event('audit.exported', 'ok', null, { format }) }),
  );
  yield* session.vault.audit.scan(session.vault.db);
}
