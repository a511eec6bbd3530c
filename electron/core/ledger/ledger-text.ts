/** Labels and cell formats the ledger exports share (zh-CN with English, as the floor files them). */
import { seatClock } from '../../../shared/seat-day';

export const ROLE_LABELS: Record<string, string> = {
  agent_phone: '电催',
  agent_field: '外访',
  team_lead: '组长',
  project_lead: '项目负责人',
  director: '业务总监',
  admin: '行政',
  qc: '品控',
  it: 'IT',
  cs: '客服',
  auditor: '稽核',
  gm: '总经理',
};

export const STATE_LABELS: Record<string, string> = {
  active: '正常',
  mustChange: '须改密码',
  expiring: '即将过期',
  locked: '已锁定',
  closed: '已注销',
};

export const ACTION_LABELS: Record<string, string> = {
  'vault.created': '创建保险库',
  'account.added': '新增账号',
  'account.reset': '重置密码',
  'account.unlocked': '解除锁定',
  'account.closed': '注销账号',
  'account.roleChanged': '变更岗位',
  'password.changed': '修改密码',
  'lockout.locked': '账号锁定',
  'preauth.lockout': '账号锁定（登录前记录，未经验证）',
  'seat.bound': '绑定席位',
  'seat.unbound': '解绑席位',
  'seat.flagged': '席位标记',
  'role.permissionsChanged': '权限变更',
  'policy.changed': '策略变更',
};

/** `YYYY-MM-DD HH:mm` in the seat's zone (glossary: formats). */
export function seatTime(at: number | null): string {
  return at === null ? '' : seatClock(at);
}

/** A short, human summary of an event's detail (no secrets or PII are ever in details). */
export function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}
