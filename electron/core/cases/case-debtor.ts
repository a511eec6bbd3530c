/**
 * What collection conduct needs of a case, kept in the cases domain (the only code touching its
 * tables): the debtor it belongs to (the ID number's blind-index token, so counters and holds span
 * all their cases), the numbers it can call, free text sealed under its batch key, and the
 * last-contact columns a contact record moves.
 */
import { PHONE_SLOTS, type PhoneSlot } from '../../../shared/conduct';
import { fail } from '../errors';
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';
import type { Vault } from '../vault/vault';
import { contactsOf, openColumn, openContact, withSeal, type StoredCase } from './case-reader';

/** The debtor's key: hex of the ID number's token, or the case itself when it has no ID number. */
export async function debtorOf(db: Queryable, caseId: number): Promise<string> {
  const row = await db.get<{ token: Uint8Array | null }>(
    sql`SELECT id_number_token AS token FROM cases WHERE id = ${caseId}`,
  );
  return row?.token ? Buffer.from(row.token).toString('hex') : `case:${caseId}`;
}

/** How many cases the debtor has (a hold stops them all). */
export async function debtorCaseCount(db: Queryable, debtor: string): Promise<number> {
  if (debtor.startsWith('case:')) return 1;
  const row = await db.get<{ n: number | string }>(
    sql`SELECT count(*) AS n FROM cases WHERE id_number_token = ${Buffer.from(debtor, 'hex')}`,
  );
  return Number(row?.n ?? 0);
}

export interface Dialable {
  slot: PhoneSlot;
  mask: string;
  /** A contact's relation as the bank gave it; null for the debtor's own numbers. */
  relation: string | null;
}

const OWN: Partial<Record<PhoneSlot, 'mobile' | 'home_phone'>> = { mobile: 'mobile', homePhone: 'home_phone' };

/** The numbers a case has, masked, in slot order. */
export async function dialables(db: Queryable, stored: StoredCase): Promise<Dialable[]> {
  const contacts = await contactsOf(db, stored.id);
  const out: Dialable[] = [];
  for (const slot of PHONE_SLOTS) {
    const own = OWN[slot];
    if (own) {
      const mask = stored.row[`${own}_mask`];
      if (typeof mask === 'string') out.push({ slot, mask, relation: null });
      continue;
    }
    const contact = contacts.find((c) => `contact${c.ordinal}` === slot);
    if (contact?.phoneMask) out.push({ slot, mask: contact.phoneMask, relation: contact.relation });
  }
  return out;
}

/** A slot's number in full, and its blind-index token (hex): what the dialer and the per-number cap need. */
export async function openNumber(
  vault: Vault,
  db: Queryable,
  stored: StoredCase,
  slot: PhoneSlot,
): Promise<{ number: string; key: string }> {
  const own = OWN[slot];
  let number: string | null;
  if (own) number = await openColumn(vault, db, stored, own);
  else {
    const contact = (await contactsOf(db, stored.id)).find((c) => `contact${c.ordinal}` === slot);
    number = contact ? await openContact(vault, db, stored, contact, 'phone') : null;
  }
  if (number === null) fail('INPUT_REJECTED', 'contact.noNumber');
  const keys = await vault.openCaseKeys(db, false);
  if (!keys) fail('VAULT_DAMAGED', 'vault.damaged');
  try {
    return { number, key: keys.token('phone', number).toString('hex') };
  } finally {
    keys.wipe();
  }
}

/** Free text about a case (a note, a reason), sealed under its batch key for one place. */
export function sealCaseText(
  vault: Vault,
  db: Queryable,
  stored: StoredCase,
  place: string,
  text: string,
): Promise<Buffer> {
  return withSeal(vault, db, stored, (seal) => seal.seal(stored.caseNo, place, text));
}

export function openCaseText(
  vault: Vault,
  db: Queryable,
  stored: StoredCase,
  place: string,
  sealed: Uint8Array,
): Promise<string> {
  return withSeal(vault, db, stored, (seal) => seal.open(stored.caseNo, place, sealed));
}

/** A contact record moves the case's last contact and next action. */
export async function noteContact(
  tx: Queryable,
  caseId: number,
  at: number,
  nextActionAt: number | null,
): Promise<void> {
  await tx.run(sql`UPDATE cases SET last_contact_at = ${at}, next_action_at = ${nextActionAt} WHERE id = ${caseId}`);
}
