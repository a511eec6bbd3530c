/**
 * A seat's credentials for its floor — the floor's CA certificate, its own client certificate
 * (CN = its database role) and that certificate's key — checked to be what they claim, and a
 * connection's failure said as one of ours, without the server's text (it can quote names).
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import net from 'node:net';
import { VaultError } from '../errors';
import { sqlState } from '../store/pg-dialect';

export type PemKind = 'CA certificate' | 'certificate' | 'private key';

/** True when `text` is a PEM of that kind (a passphrase-protected key is not usable, so not). */
export function isPem(text: string, kind: PemKind): boolean {
  if (!text.includes('-----BEGIN ')) return false;
  try {
    if (kind === 'private key') createPrivateKey(text);
    else new X509Certificate(text);
    return true;
  } catch {
    return false;
  }
}

/** The common name a client certificate carries (PostgreSQL's `cert` login maps it to the role). */
export function commonNameOf(certPem: string): string | null {
  const subject = new X509Certificate(certPem).subject;
  const cn = subject.split('\n').find((part) => part.startsWith('CN='));
  return cn === undefined ? null : cn.slice(3);
}

/** The key belongs to the certificate (else the server would refuse the handshake, less clearly). */
export function keyMatches(certPem: string, keyPem: string): boolean {
  return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
}

/**
 * The name the server's certificate must carry. For a host name the driver uses the host itself;
 * for an address it is `servername`, or else the address is checked against the certificate's
 * IP entries (an address must never be sent as a TLS server name: RFC 6066).
 */
export function serverName(host: string, servername: string | undefined): { servername?: string } {
  if (servername !== undefined) return { servername };
  return net.isIP(host) === 0 ? { servername: host } : {};
}

/** Handshake failures that mean "this is not the server the CA vouches for", not "no server". */
const TLS_UNTRUSTED =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REJECTED|CERT_SIGNATURE_FAILURE|HOSTNAME_MISMATCH)$/;
/** The server ended the handshake: it did not take our client certificate. */
const TLS_ALERT = /^ERR_SSL_(TLSV1|SSLV3|TLSV13)_ALERT_/;
const NAME_NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']);

/**
 * A connection's failure as one of ours. `who` is the role that tried (never a password or the
 * server's own text).
 */
export function connectionFailure(err: unknown, who: { role: string; database: string }): unknown {
  if (err instanceof VaultError) return err;
  const state = sqlState(err);
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : '';
  // 28000: no pg_hba.conf line, or the certificate's CN is not the role; 28P01: wrong password.
  if (state === '28000' || state === '28P01') return new VaultError('AUTH_FAILED', 'floor.signInRefused', who);
  if (state === '3D000') return new VaultError('INPUT_REJECTED', 'floor.noDatabase', { database: who.database });
  if (typeof code === 'string' && TLS_UNTRUSTED.test(code))
    return new VaultError('AUTH_FAILED', 'floor.serverUntrusted');
  if (/does not support SSL/i.test(message)) return new VaultError('AUTH_FAILED', 'floor.serverUntrusted');
  if (typeof code === 'string' && TLS_ALERT.test(code))
    return new VaultError('AUTH_FAILED', 'floor.signInRefused', who);
  if (typeof code === 'string' && NAME_NOT_FOUND.has(code)) return new VaultError('UNAVAILABLE', 'floor.unreachable');
  return err;
}
