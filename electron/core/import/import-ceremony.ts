/**
 * 案件导入 — the import ceremony (docs/import-ceremony.md): on the import station, custodian A
 * (客服) and then custodian B (品控) authenticate into the ceremony and type their half of the
 * archive password; the delivery is decrypted in memory and checked, both see the report, B
 * confirms, and the cases commit in one transaction with the ceremony's transcript. Any refusal
 * or failure ends the ceremony with its reason logged and nothing imported.
 */
import { batchByArchive, caseNumbersHeld, insertBatch, type BatchRow } from '../cases/case-repository';
import { CaseWriter, loadFormOf } from '../cases/case-writer';
import type { NewCase } from '../cases/case-rows';
import { SealPool } from '../cases/seal-pool';
import { isImportStation } from '../seats/seat-repository';
import type { Queryable } from '../store/store';
import { fail, VaultError } from '../errors';
import type { Session } from '../session/session';
import { Ceremony, CeremonyAborted } from '../ceremony/ceremony';
import type { Custodian } from '../ceremony/custodian-auth';
import type { CustodianSlot } from '../../../shared/ceremonies';
import { openDelivery, type DeliveryArchive } from './delivery-archive';
import { checkDelivery, rowKey, type DeliveryReport, type RowDecisions } from './delivery-check';
import { destroyFile, openDeliverySource, type DeliverySource } from './delivery-source';
import { walkDelivery } from './delivery-walk';
import type { CaseValues } from './case-row';
import type { MappingTemplate } from './mapping-template';
import type { CertificateFacts } from './ceremony-certificate';
import { allTemplates } from './template-repository';

export type ImportPhase = 'hashing' | 'checking' | 'committing';
export type Progress = (phase: ImportPhase, done: number, total: number) => void;

export interface ImportResult {
  ceremonyId: string;
  batchId: number;
  batchNo: string;
  accepted: number;
  rejected: number;
  skipped: number;
  totalFen: number;
  archiveSha256: string;
}

const str = (v: string | number | undefined): string | null => (v === undefined || v === '' ? null : String(v));
const num = (v: string | number | undefined): number | null => (typeof v === 'number' ? v : null);

/** Where each sealed column's value comes from. */
const PII_FIELDS: readonly (readonly [keyof NewCase['pii'], keyof CaseValues])[] = [
  ['name', 'name'],
  ['id_number', 'idNumber'],
  ['card_number', 'cardNumber'],
  ['mobile', 'mobile'],
  ['home_phone', 'homePhone'],
  ['employer', 'employer'],
  ['employer_address', 'employerAddress'],
  ['home_address', 'homeAddress'],
  ['registered_address', 'registeredAddress'],
];

function newCase(row: { row: number; values: CaseValues }): NewCase {
  const v = row.values;
  const contacts: NewCase['contacts'] = [];
  for (const n of [1, 2, 3] as const) {
    const name = str(v[`contact${n}Name`]);
    const relation = str(v[`contact${n}Relation`]);
    const phone = str(v[`contact${n}Phone`]);
    if (name ?? relation ?? phone) contacts.push({ ordinal: n, name, relation, phone });
  }
  const pii: NewCase['pii'] = {};
  for (const [column, field] of PII_FIELDS) {
    const value = v[field];
    if (value !== undefined && value !== '') pii[column] = String(value);
  }
  return {
    caseNo: String(v.caseNo),
    sourceRow: row.row,
    pii,
    gender: (v.gender ?? '') as NewCase['gender'],
    amountAssignedFen: Number(v.amountAssigned),
    principalFen: num(v.principal),
    daysOverdue: num(v.daysOverdue),
    bucket: str(v.bucket),
    assignedOn: str(v.assignedOn),
    returnOn: str(v.returnOn),
    contacts,
  };
}

/** Which outcome an error means for the transcript: the input refused, or something failed. */
function outcomeOf(err: unknown): { outcome: 'refused' | 'failed' | 'cancelled' | 'abandoned'; reason: string } {
  if (err instanceof CeremonyAborted) return { outcome: err.outcome, reason: err.key };
  if (err instanceof VaultError)
    return {
      outcome: err.code === 'INPUT_REJECTED' || err.code === 'NOT_PERMITTED' ? 'refused' : 'failed',
      reason: err.key,
    };
  return { outcome: 'failed', reason: 'import.failed' };
}

export class ImportCeremony {
  private archive: DeliveryArchive | null = null;
  private checked: {
    report: DeliveryReport & { batchNo: string };
    leaveOut: RowDecisions;
    templates: MappingTemplate[];
    /** The day the rows were checked against (birth dates): the commit checks them the same. */
    today: Date;
  } | null = null;
  private result: ImportResult | null = null;
  private sourceDestroyed = false;

  private constructor(
    readonly ceremony: Ceremony,
    private readonly source: DeliverySource,
    private readonly file: string,
  ) {}

  get id(): string {
    return this.ceremony.id;
  }

  /** Name, size and SHA-256 of the archive, as both custodians see them before anything else. */
  get archiveFacts(): { name: string; size: number; sha256: string } {
    return { name: this.source.name, size: this.source.size, sha256: this.source.sha256 };
  }

  /**
   * Starts on an import station: opens and hashes the archive; the same archive imported before
   * is refused, naming the ceremony that imported it.
   */
  static async start(session: Session, file: string, onProgress?: Progress): Promise<ImportCeremony> {
    const { vault } = session;
    const ceremony = new Ceremony('import', session);
    let source: DeliverySource | null = null;
    try {
      // Refused on another seat, and the refusal is a transcript like any other.
      if (!(await isImportStation(vault.db, vault.seatId))) fail('NOT_PERMITTED', 'import.notImportStation');
      source = await ceremony.track(openDeliverySource(file, (n) => onProgress?.('hashing', n, n)));
      ceremony.transcript = { archive: source.name, archiveSha256: source.sha256, archiveBytes: source.size };
      const earlier = await batchByArchive(vault.db, source.sha256);
      if (earlier) alreadyImported(earlier);
    } catch (err) {
      await source?.close();
      const { outcome, reason } = outcomeOf(err);
      await ceremony.end(outcome, reason);
      throw err;
    }
    return new ImportCeremony(ceremony, source, file);
  }

  /**
   * Runs a step: a refusal or failure ends the ceremony with its reason (`retryable`: a
   * custodian's own refusal, which leaves it open for them to try again); nothing stays behind.
   */
  private async stepOf<T>(work: () => Promise<T>, retryable = false): Promise<T> {
    await this.ceremony.step();
    try {
      return await this.ceremony.track(work());
    } catch (err) {
      const stopped = this.ceremony.outcome;
      // Stopped from outside (a lock): that is the reason, whatever the unwinding work threw.
      if (stopped === 'cancelled' || stopped === 'abandoned') {
        await this.ceremony.end(stopped);
        throw new CeremonyAborted(stopped);
      }
      if (retryable && err instanceof VaultError && !(err instanceof CeremonyAborted)) throw err;
      const { outcome, reason } = outcomeOf(err);
      await this.ceremony.end(outcome, reason);
      throw err;
    } finally {
      if (this.ceremony.state === 'ended') await this.release();
    }
  }

  admit(slot: CustodianSlot, username: string, password: string, half: string): Promise<Custodian> {
    return this.stepOf(() => this.ceremony.admit(slot, username, password, half), true);
  }

  /** Decrypts with both halves and checks everything; writes nothing. */
  check(options: { template?: string | undefined; onProgress?: Progress } = {}): Promise<DeliveryReport> {
    return this.stepOf(async () => {
      if (this.checked) fail('NOT_PERMITTED', 'import.alreadyChecked');
      const { vault } = this.ceremony.session;
      const secret = this.ceremony.secret();
      const archive = await openDelivery(this.source, secret);
      this.archive = archive;
      const total = archive.files.reduce((n, f) => n + f.size, 0);
      this.ceremony.transcript.encryption = archive.encryption;
      const templates = await allTemplates(vault.db);
      if (options.template !== undefined && !templates.some((t) => t.name === options.template))
        fail('INPUT_REJECTED', 'import.template.unknown', { template: options.template });
      const today = new Date(vault.now());
      const { report: checked, leaveOut } = await checkDelivery(archive, {
        templates,
        named: options.template,
        today,
        inVault: (nos) => caseNumbersHeld(vault.db, nos),
        onProgress: (bytes) => {
          this.ceremony.checkpoint();
          options.onProgress?.('checking', bytes, total);
        },
      });
      this.ceremony.checkpoint();
      // A delivery whose rows name no batch is named by its summary, else by its archive's name.
      const report = {
        ...checked,
        batchNo: checked.batchNo ?? checked.reconciliation?.batchNo.stated ?? batchNameOf(this.source.name),
      };
      Object.assign(this.ceremony.transcript, {
        template: report.template,
        rows: report.rows,
        accepted: report.accepted,
        rejected: report.rejected,
        skipped: report.skipped,
        totalFen: report.totalFen,
        batchNo: report.batchNo,
        ...(report.reconciliation ? { reconciled: report.reconciliation.agrees } : {}),
      });
      this.checked = { report, leaveOut, templates, today };
      return report;
    });
  }

  /**
   * Custodian B confirms: every accepted case and the transcript commit in one transaction.
   * `sealWorker`: the seal workers' script (seal-pool.ts).
   */
  commit(options: { sealWorker: string; onProgress?: Progress }): Promise<ImportResult> {
    return this.stepOf(async () => {
      const checked = this.checked;
      const archive = this.archive;
      if (!checked || !archive) fail('NOT_PERMITTED', 'import.notChecked');
      const { report } = checked;
      if (report.accepted === 0) fail('INPUT_REJECTED', 'import.nothingToImport');
      const { session } = this.ceremony;
      const { vault } = session;
      const [a, b] = [this.ceremony.custodians.A!, this.ceremony.custodians.B!];
      const batchNo = report.batchNo;
      const batchId = await this.commitTransaction(async (tx) => {
        this.ceremony.checkpoint();
        const earlier = await batchByArchive(tx, this.source.sha256);
        if (earlier) alreadyImported(earlier);
        const keys = (await vault.openCaseKeys(tx, true))!;
        this.ceremony.holds(() => keys.wipe());
        const { key, wrapped } = keys.newBatchKey(this.ceremony.id);
        this.ceremony.holds(() => key.fill(0));
        const id = await insertBatch(tx, {
          batchNo,
          template: report.template,
          archiveSha256: this.source.sha256,
          ceremonyId: this.ceremony.id,
          seatId: vault.seatId,
          custodianA: a.id,
          custodianB: b.id,
          importedAt: vault.now(),
          caseCount: report.accepted,
          totalFen: report.totalFen,
          dataKey: wrapped,
        });
        // The keys the seal workers use live in memory the wipe reaches while they run.
        const shared = keys.sealKeys(key);
        this.ceremony.holds(() => new Uint8Array(shared).fill(0));
        const pool = new SealPool(options.sealWorker, {
          keys: shared,
          vaultId: vault.vaultId,
          batchId: id,
          form: loadFormOf(tx),
        });
        this.ceremony.holds(() => void pool.close());
        try {
          return await this.writeCases(tx, id, pool, options.onProgress);
        } finally {
          await pool.close();
        }
      });
      this.ceremony.committed();
      this.result = {
        ceremonyId: this.ceremony.id,
        batchId,
        batchNo,
        accepted: report.accepted,
        rejected: report.rejected,
        skipped: report.skipped,
        totalFen: report.totalFen,
        archiveSha256: this.source.sha256,
      };
      return this.result;
    });
  }

  /**
   * In the commit's transaction: the delivery read and checked again (the check keeps no rows,
   * so memory stays flat however large it is), its accepted rows written, the transcript logged.
   */
  private async writeCases(
    tx: Queryable,
    batchId: number,
    pool: SealPool,
    onProgress: Progress | undefined,
  ): Promise<number> {
    const { report, leaveOut, templates, today } = this.checked!;
    const archive = this.archive!;
    const total = archive.files.reduce((n, f) => n + f.size, 0);
    const writer = await CaseWriter.start(tx, pool);
    const walked = await walkDelivery(archive, {
      templates,
      named: report.template,
      today,
      onRow: (_source, row) => {
        if (!leaveOut.has(rowKey(row))) writer.add(newCase(row));
      },
      drain: async () => {
        this.ceremony.checkpoint();
        if (writer.pending >= CaseWriter.CHUNK) await writer.flush();
      },
      onProgress: (bytes) => onProgress?.('committing', bytes, total),
    });
    await writer.finish();
    this.ceremony.checkpoint();
    // What was written is what both custodians saw: the same content walked the same way.
    if (walked.contentSha256 !== report.digest || writer.written !== report.accepted)
      fail('INPUT_REJECTED', 'import.sourceChanged');
    if ((await this.source.rehash()) !== this.source.sha256) fail('INPUT_REJECTED', 'import.sourceChanged');
    this.ceremony.transcript.batchId = batchId;
    await this.ceremony.session.vault.audit.append(tx, this.ceremony.endedEvent('committed'));
    return batchId;
  }

  /**
   * The commit's transaction. A case number another import committed since the check (a floor's
   * other seat) is a unique violation: the custodians check again rather than overwrite.
   */
  private async commitTransaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const { db } = this.ceremony.session.vault;
    try {
      return await db.transaction(work);
    } catch (err) {
      if (db.dialect.classify(err) === 'unique-violation') fail('INPUT_REJECTED', 'import.vaultChanged');
      throw err;
    }
  }

  /** After a commit: the source archive overwritten and deleted (policy.md: 应彻底删除原始数据). */
  async destroySource(): Promise<void> {
    if (!this.result || this.sourceDestroyed) fail('NOT_PERMITTED', 'import.notCommitted');
    await this.release();
    const bytes = await destroyFile(this.file, this.source.sha256);
    this.sourceDestroyed = true;
    const by = this.ceremony.custodians.B!;
    const { vault } = this.ceremony.session;
    await vault.log({
      at: vault.now(),
      actor: by.username,
      actorId: by.id,
      seat: vault.seatId,
      action: 'import.sourceDestroyed',
      object: this.ceremony.id,
      outcome: 'ok',
      detail: { archiveSha256: this.source.sha256, archiveBytes: bytes },
    });
  }

  /** What the certificate shows: the transcript as logged. */
  certificateFacts(): CertificateFacts {
    const final = this.ceremony.final;
    if (!final) fail('NOT_PERMITTED', 'import.notEnded');
    const { vault } = this.ceremony.session;
    return {
      ceremonyId: this.id,
      vaultId: vault.vaultId,
      seat: vault.seatId,
      endedAt: final.at,
      transcript: final.detail,
      sourceDestroyed: this.sourceDestroyed,
    };
  }

  /** Either custodian stops it: nothing written, the transcript says so. */
  async cancel(): Promise<void> {
    if (this.ceremony.state === 'ended') return;
    await this.ceremony.end('cancelled', 'ceremony.cancelled');
  }

  /** Closes the archive and the file (the ceremony's wipe calls this too). */
  private async release(): Promise<void> {
    const archive = this.archive;
    this.archive = null;
    await archive?.close().catch(() => undefined);
    await this.source.close().catch(() => undefined);
  }
}

/** `WA20261101-07_csv.zip` → `WA20261101-07_csv`: a batch's name when nothing inside names it. */
function batchNameOf(archiveName: string): string {
  return [...archiveName.replace(/\.zip$/i, '')].slice(0, 64).join('') || 'batch';
}

function alreadyImported(earlier: BatchRow): never {
  return fail('INPUT_REJECTED', 'import.alreadyImported', {
    batchNo: earlier.batchNo,
    ceremony: earlier.ceremonyId,
    at: new Date(earlier.importedAt).toISOString().slice(0, 16).replace('T', ' '),
  });
}
