/**
 * The seat's dialer: a call the rules allowed goes to the softphone registered for `tel:` URIs
 * (RFC 3966) on this workstation, so the agent never reads the number. The call's id travels as
 * a URI parameter for a recorder that keeps it; one that doesn't ignores it.
 */
import { shell } from 'electron';

/** Digits with an optional leading +: nothing else ever reaches the OS handler. */
const DIALABLE = /^\+?\d{3,20}$/;

export function dialOnSoftphone(number: string, callNo: string): Promise<void> {
  const digits = number.replace(/[\s-]/g, '');
  if (!DIALABLE.test(digits) || !/^[0-9a-f-]{36}$/.test(callNo))
    return Promise.reject(new Error('not a dialable number'));
  return shell.openExternal(`tel:${digits};call-id=${callNo}`, { activate: false });
}
