/** audit.* procedures: the access log. */
import { signedIn, type HandlersOf } from '../api/call-context';
import { exportAnchor, exportPage, listAudit, verifyAudit } from './audit-service';

export const auditHandlers: HandlersOf<'audit'> = {
  'audit.list': (ctx, input) => listAudit(signedIn(ctx), input),
  'audit.verify': (ctx, input) =>
    verifyAudit(signedIn(ctx), {
      anchor: input.anchor,
      onProgress: (done, total) => ctx.emit('audit.verifyProgress', { done, total }),
    }),
  'audit.anchor': (ctx) => exportAnchor(signedIn(ctx)),
  'audit.export': (ctx, input) => exportPage(signedIn(ctx), input.format, input.afterSeq),
};
