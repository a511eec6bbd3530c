/** 席位 — this workstation's seat id: stable for one machine and one vault, names neither. */
import { createHash, createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Where the machine's own identity comes from; injected so tests can play several seats. */
export type MachineIdSource = () => string;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function deriveSeatId(vaultId: string, machineId: string): string {
  const mac = createHmac('sha256', `strongroom-seat/v1|${vaultId}`).update(machineId, 'utf8').digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of mac.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/** The OS's install id (machine-id, MachineGuid, IOPlatformUUID); hostname as a last resort. */
export const osMachineId: MachineIdSource = () => {
  const fallback = (): string =>
    createHash('sha256').update(`${os.hostname()}|${os.platform()}|${os.arch()}`).digest('hex');
  try {
    if (process.platform === 'linux') {
      for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
        try {
          const id = readFileSync(file, 'utf8').trim();
          if (id) return id;
        } catch {
          /* try the next source */
        }
      }
    } else if (process.platform === 'win32') {
      const out = execFileSync('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid'], {
        encoding: 'utf8',
        windowsHide: true,
      });
      const match = /MachineGuid\s+REG_SZ\s+(\S+)/.exec(out);
      if (match?.[1]) return match[1];
    } else if (process.platform === 'darwin') {
      const out = execFileSync('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'], { encoding: 'utf8' });
      const match = /"IOPlatformUUID" = "([^"]+)"/.exec(out);
      if (match?.[1]) return match[1];
    }
  } catch {
    /* fall back below */
  }
  return fallback();
};
