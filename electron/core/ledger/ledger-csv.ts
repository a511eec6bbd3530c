/** The daily account ledger as CSV (RFC 4180, formula-safe, UTF-8 with BOM for Excel). */
import { csvRow } from '../../../shared/csv';
import type { AccountLedger } from './daily-ledger';
import { ACTION_LABELS, detailText, ROLE_LABELS, seatTime, STATE_LABELS } from './ledger-text';

export function ledgerCsv(l: AccountLedger): string {
  let out = '\uFEFF';
  out += csvRow(['账号管理台账 Daily account ledger', l.date]);
  out += csvRow([
    '保险库 Vault',
    l.vaultId,
    '席位 Seat',
    l.seat,
    '生成 Generated',
    seatTime(l.generatedAt),
    l.generatedBy,
  ]);
  out += '\r\n';
  out += csvRow([
    '账号 Account',
    '姓名 Name',
    '岗位 Role',
    '状态 State',
    '席位 Seats',
    '登录次数 Logins',
    '失败次数 Failed',
    '首次登录 First login',
    '末次登录 Last login',
  ]);
  for (const a of l.accounts) {
    out += csvRow([
      a.username,
      a.displayName,
      ROLE_LABELS[a.role] ?? a.role,
      STATE_LABELS[a.state] ?? a.state,
      a.seats.join(' '),
      a.logins,
      a.failedLogins,
      seatTime(a.firstLoginAt),
      seatTime(a.lastLoginAt),
    ]);
  }
  out += '\r\n';
  out += csvRow(['时间 Time', '操作人 By', '席位 Seat', '变更 Change', '对象 Object', '结果 Outcome', '说明 Detail']);
  for (const e of l.changes) {
    out += csvRow([
      seatTime(e.at),
      e.actor ?? '',
      e.seat ?? '',
      ACTION_LABELS[e.action] ?? e.action,
      e.object ?? '',
      e.outcome,
      detailText(e.detail),
    ]);
  }
  return out;
}
