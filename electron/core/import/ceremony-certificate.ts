/**
 * 双人操作证明 — the ceremony certificate: the transcript of one import as a one-page A4 PDF, in
 * Chinese and English, with the vendored CJK font embedded (as the ledger PDF does). Built from
 * the transcript the log holds; it shows counts and hashes, never a debtor's data.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { DetailOf } from '../../../shared/audit-actions';
import { formatFen } from '../cases/money';
import { seatTime } from '../ledger/ledger-text';

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 48;

export interface CertificateFacts {
  ceremonyId: string;
  vaultId: string;
  seat: string;
  endedAt: number;
  transcript: DetailOf<'ceremony.ended'>;
  sourceDestroyed: boolean;
}

const OUTCOME: Record<string, string> = {
  committed: '已导入 Committed',
  refused: '已拒绝 Refused',
  failed: '失败 Failed',
  cancelled: '已取消 Cancelled',
  abandoned: '已放弃 Abandoned',
};

export async function certificatePdf(facts: CertificateFacts, fontBytes: Uint8Array): Promise<Uint8Array> {
  const t = facts.transcript;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes, { subset: false });
  doc.setTitle(`委案导入双人操作证明 ${facts.ceremonyId}`);
  doc.setCreator('Strongroom');
  doc.setCreationDate(new Date(facts.endedAt));
  doc.setModificationDate(new Date(facts.endedAt));
  const page = doc.addPage(PAGE);
  let y = PAGE[1] - MARGIN;
  const line = (text: string, size = 10, gap = 8): void => {
    page.drawText(text, { x: MARGIN, y: y - size, size, font });
    y -= size + gap;
  };
  const row = (label: string, value: string): void => {
    page.drawText(label, { x: MARGIN, y: y - 10, size: 10, font, color: rgb(0.35, 0.35, 0.35) });
    page.drawText(value, { x: MARGIN + 170, y: y - 10, size: 10, font });
    y -= 18;
  };
  line('委案导入双人操作证明', 18, 4);
  line('Case import ceremony certificate', 12, 18);
  row('仪式编号 Ceremony', facts.ceremonyId);
  row('保险库 Vault', facts.vaultId);
  row('席位 Seat', facts.seat);
  row('开始 Started', `${seatTime(t.startedAt)} (Asia/Shanghai)`);
  row('结束 Ended', `${seatTime(facts.endedAt)} (Asia/Shanghai)`);
  row('A 角（客服）Custodian A (cs)', t.custodianA ?? '—');
  row('B 角（品控）Custodian B (qc)', t.custodianB ?? '—');
  row('结果 Outcome', OUTCOME[t.outcome] ?? t.outcome);
  if (t.reason) row('原因 Reason', t.reason);
  y -= 6;
  row('压缩包 Archive', t.archive ?? '—');
  row('大小 Size', t.archiveBytes === undefined ? '—' : `${t.archiveBytes.toLocaleString('en-US')} bytes`);
  if (t.archiveSha256) {
    row('SHA-256', t.archiveSha256.slice(0, 32));
    row('', t.archiveSha256.slice(32));
  }
  row('加密 Encryption', t.encryption === 'zipcrypto' ? 'ZipCrypto（弱 weak）' : t.encryption === 'aes' ? 'AES' : '—');
  row('映射模板 Template', t.template ?? '—');
  row('委案批次 Batch', t.batchNo ?? '—');
  row('行数 Rows', t.rows === undefined ? '—' : String(t.rows));
  row('导入 Accepted', t.accepted === undefined ? '—' : String(t.accepted));
  row('拒绝 Rejected', t.rejected === undefined ? '—' : String(t.rejected));
  row('跳过（重复）Skipped', t.skipped === undefined ? '—' : String(t.skipped));
  row('委案金额 Amount', t.totalFen === undefined ? '—' : formatFen(t.totalFen));
  row(
    '对账 Reconciled',
    t.reconciled === undefined ? '无汇总 no summary' : t.reconciled ? '一致 agrees' : '不一致 disagrees',
  );
  row('原始文件 Source archive', facts.sourceDestroyed ? '已覆盖删除 overwritten and deleted' : '未删除 kept');
  y -= 30;
  line(
    'A 角签字 Custodian A signature: ____________________        B 角签字 Custodian B signature: ____________________',
    9,
  );
  return doc.save();
}
