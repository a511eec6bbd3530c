/** The vault: whether this data directory holds one, and creating it with its first IT account. */
import { z } from 'zod';
import { DisplayName, Empty, Password, Reason, Username } from './fields';
import { procedure } from './procedure';

export const VaultStatus = z.object({
  initialized: z.boolean(),
  dataDir: z.string(),
  vaultId: z.string().nullable(),
  seatId: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  /** Keyslots in the keyring (no names: this is readable without a password). */
  accounts: z.number().int().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const vaultProcedures = {
  'vault.status': procedure({ input: Empty, output: VaultStatus, access: 'public', audited: false }),
  'vault.create': procedure({
    input: z.object({
      dataDir: z.string().min(1).max(1024),
      username: Username,
      displayName: DisplayName.optional(),
      password: Password,
    }),
    output: VaultStatus,
    access: 'public',
    audited: false, // the vault writes its own genesis event ("vault.created")
  }),
  /** A new vault master key for everyone still active; the database re-keyed (IT, on demand). */
  'vault.rotateKey': procedure({
    input: z.object({ reason: Reason }).strict(),
    output: z.object({ epoch: z.number().int().positive() }),
    access: 'account.manage',
    audited: true,
    sensitive: true,
  }),
} as const;
