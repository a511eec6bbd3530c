/**
 * The daily account ledger as a PDF (A4 landscape) with the vendored Noto Sans SC (GB2312 cut)
 * embedded, so Chinese renders the same everywhere, with no system font involved.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { AccountLedger } from './daily-ledger';
import { ACTION_LABELS, detailText, ROLE_LABELS, seatTime, STATE_LABELS } from './ledger-text';

const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const SIZE = 8.5;
const ROW = 13;

interface Column {
  title: string;
  width: number;
}

class Writer {
  page!: PDFPage;
  y = 0;
  pageNo = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.pageNo += 1;
    this.y = PAGE[1] - MARGIN;
    this.page.drawText(`${this.footer} · ${this.pageNo}`, {
      x: MARGIN,
      y: MARGIN / 2,
      size: 7,
      font: this.font,
      color: rgb(0.4, 0.4, 0.4),
    });
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  text(value: string, size = SIZE, x = MARGIN): void {
    this.ensure(size + 6);
    this.page.drawText(value, { x, y: this.y - size, size, font: this.font });
    this.y -= size + 6;
  }

  /** Fits text in a width by cutting it with an ellipsis (a cell never overlaps the next). */
  fit(value: string, width: number): string {
    if (this.font.widthOfTextAtSize(value, SIZE) <= width) return value;
    let cut = value;
    while (cut.length > 0 && this.font.widthOfTextAtSize(`${cut}…`, SIZE) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  table(columns: Column[], rows: string[][]): void {
    const header = (): void => {
      this.ensure(ROW * 2);
      this.page.drawRectangle({
        x: MARGIN,
        y: this.y - ROW,
        width: PAGE[0] - 2 * MARGIN,
        height: ROW,
        color: rgb(0.9, 0.9, 0.9),
      });
      this.cells(
        columns,
        columns.map((c) => c.title),
      );
    };
    header();
    for (const row of rows) {
      if (this.y - ROW < MARGIN) {
        this.newPage();
        header();
      }
      this.cells(columns, row);
    }
    this.y -= 6;
  }

  private cells(columns: Column[], values: string[]): void {
    let x = MARGIN + 2;
    columns.forEach((c, i) => {
      this.page.drawText(this.fit(values[i] ?? '', c.width - 4), {
        x,
        y: this.y - ROW + 3.5,
        size: SIZE,
        font: this.font,
      });
      x += c.width;
    });
    this.y -= ROW;
  }
}

export async function ledgerPdf(l: AccountLedger, fontBytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Embedded whole (about 1.3 MB compressed): fontkit's subsetter drops glyphs of this font, which
  // pdftotext can't see but every viewer does.
  const font = await doc.embedFont(fontBytes, { subset: false });
  doc.setTitle(`账号管理台账 ${l.date}`);
  doc.setCreator('Strongroom');
  doc.setCreationDate(new Date(l.generatedAt));
  doc.setModificationDate(new Date(l.generatedAt));
  const w = new Writer(doc, font, `账号管理台账 Daily account ledger ${l.date}`);
  w.text(`账号管理台账  Daily account ledger  ${l.date}`, 15);
  w.text(
    `保险库 Vault ${l.vaultId}   席位 Seat ${l.seat}   生成 Generated ${seatTime(l.generatedAt)} (Asia/Shanghai) by ${l.generatedBy}`,
  );
  w.text('账号 Accounts', 11);
  w.table(
    [
      { title: '账号 Account', width: 110 },
      { title: '姓名 Name', width: 100 },
      { title: '岗位 Role', width: 70 },
      { title: '状态 State', width: 65 },
      { title: '席位 Seats', width: 170 },
      { title: '登录 Logins', width: 50 },
      { title: '失败 Failed', width: 50 },
      { title: '首次 First', width: 77 },
      { title: '末次 Last', width: 77 },
    ],
    l.accounts.map((a) => [
      a.username,
      a.displayName,
      ROLE_LABELS[a.role] ?? a.role,
      STATE_LABELS[a.state] ?? a.state,
      a.seats.join(' '),
      String(a.logins),
      String(a.failedLogins),
      seatTime(a.firstLoginAt),
      seatTime(a.lastLoginAt),
    ]),
  );
  w.text('当日变更 Changes this day', 11);
  if (l.changes.length === 0) w.text('（无 none）');
  else
    w.table(
      [
        { title: '时间 Time', width: 80 },
        { title: '操作人 By', width: 90 },
        { title: '席位 Seat', width: 85 },
        { title: '变更 Change', width: 80 },
        { title: '对象 Object', width: 100 },
        { title: '结果 Outcome', width: 55 },
        { title: '说明 Detail', width: 279 },
      ],
      l.changes.map((e) => [
        seatTime(e.at),
        e.actor ?? '',
        e.seat ?? '',
        ACTION_LABELS[e.action] ?? e.action,
        e.object ?? '',
        e.outcome,
        detailText(e.detail),
      ]),
    );
  w.text('核对人签字 Reconciled by: ____________________      日期 Date: ____________', 10);
  return doc.save();
}
