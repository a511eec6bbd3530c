/**
 * An event's names and typed text as the log stores them (store/field-seal.ts): the actor and
 * an account object as sealed names, so filters and tallies still compare on the server; the
 * detail's names and free text field by field, as the action registry marks them. On the
 * embedded store both directions leave the event as it is.
 */
import { sealedParts } from '../../../shared/audit-actions';
import type { AuditEventView } from '../../../shared/contract';
import type { FieldSeal } from '../store/field-seal';
import type { NewEvent } from './audit-log';

type Detail = Record<string, unknown>;

function mapDetail(detail: Detail, action: string, name: (s: string) => string, text: (s: string) => string): Detail {
  const { names, texts } = sealedParts(action);
  if (names.length === 0 && texts.length === 0) return detail;
  const out: Detail = { ...detail };
  for (const key of names) if (typeof out[key] === 'string') out[key] = name(out[key]);
  for (const key of texts) if (typeof out[key] === 'string') out[key] = text(out[key]);
  return out;
}

/** A checked event as it is to be stored. */
export function sealEvent(fields: FieldSeal, e: NewEvent): NewEvent {
  const object = e.object ?? null;
  return {
    ...e,
    actor: e.actor === null ? null : fields.name(e.actor),
    object: object !== null && sealedParts(e.action).object ? fields.name(object) : object,
    detail: mapDetail(
      e.detail ?? {},
      e.action,
      (s) => fields.name(s),
      (s) => fields.text(s),
    ),
  };
}

/** A stored event as its readers see it. */
export function openEvent(fields: FieldSeal, e: AuditEventView): AuditEventView {
  const open = (s: string) => fields.open(s);
  return {
    ...e,
    actor: e.actor === null ? null : open(e.actor),
    object: e.object !== null && sealedParts(e.action).object ? open(e.object) : e.object,
    detail: mapDetail(e.detail, e.action, open, open),
  };
}
