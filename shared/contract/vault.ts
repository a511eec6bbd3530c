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
  /** Keyslots in the keyring (no names: this is readable without a password); null on a floor. */
  accounts: z.number().int().nullable(),
  /** A floor seat: its server (no secrets); null for a station's own vault. */
  floor: z.object({ host: z.string(), port: z.number().int(), database: z.string() }).nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

/** A PEM file's text (a certificate or a key), bounded. */
const Pem = z
  .string()
  .min(1, 'floor.pemUnusable')
  .max(64 * 1024, 'floor.pemUnusable');

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
  /**
   * First run, "join a floor": this data directory becomes this machine's seat on a floor's
   * PostgreSQL server (docs/floor-mode.md). The seat's private key crosses once, from the file
   * the user picked to the main process, which writes it (0600) and never sends it back.
   */
  'vault.joinFloor': procedure({
    input: z
      .object({
        dataDir: z.string().min(1).max(1024),
        host: z.string().trim().min(1, 'floor.badHost').max(253, 'floor.badHost'),
        port: z.number().int().min(1).max(65535),
        database: z.string().trim().min(1, 'floor.badDatabaseName').max(40, 'floor.badDatabaseName'),
        user: z.string().trim().min(1, 'floor.notSeatRole').max(63, 'floor.notSeatRole'),
        servername: z.string().trim().min(1).max(253).optional(),
        /** Servers that may be promoted when the primary fails (docs/floor-ha.md), in order. */
        standbys: z
          .array(
            z
              .object({
                host: z.string().trim().min(1, 'floor.badHost').max(253, 'floor.badHost'),
                port: z.number().int().min(1).max(65535),
                servername: z.string().trim().min(1).max(253).optional(),
              })
              .strict(),
          )
          .max(4)
          .optional(),
        ca: Pem,
        cert: Pem,
        key: Pem,
      })
      .strict(),
    output: VaultStatus,
    access: 'public',
    audited: false, // no session and no log yet: the seat's first sign-in is logged on the floor
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
