/** import.* procedures: the ceremony's steps, for whichever door calls (app, CLI, harness). */
import { readFile } from 'node:fs/promises';
import { OK, signedIn, type CallContext, type HandlersOf } from '../api/call-context';
import { fail } from '../errors';
import type { Session } from '../session/session';
import { certificatePdf } from './ceremony-certificate';
import { ImportCeremony } from './import-ceremony';
import { sealWorkerScript } from '../cases/seal-pool';
import { addTemplate } from './template-admin';
import { allTemplates } from './template-repository';
import { SHIPPED_TEMPLATES } from './mapping-template';

/** The import ceremonies each session is running, by id. */
const running = new WeakMap<Session, Map<string, ImportCeremony>>();

function ceremonyOf(ctx: CallContext, id: string): ImportCeremony {
  const found = running.get(signedIn(ctx))?.get(id);
  if (!found) fail('NOT_PERMITTED', 'ceremony.unknown');
  return found;
}

const progress =
  (ctx: CallContext, ceremonyId: () => string) =>
  (phase: 'hashing' | 'checking' | 'committing', done: number, total: number): void =>
    ctx.emit('import.progress', { ceremonyId: ceremonyId(), phase, done, total });

export const importHandlers: HandlersOf<'import'> = {
  'import.templates': async (ctx) => {
    const shipped = new Set(SHIPPED_TEMPLATES.map((t) => t.name));
    return (await allTemplates(signedIn(ctx).vault.db)).map((t) => ({
      name: t.name,
      label: t.label,
      shipped: shipped.has(t.name),
    }));
  },
  'import.chooseArchive': async (ctx) => ({ path: (await ctx.ws.options.chooseArchive?.()) ?? null }),
  'import.start': async (ctx, input) => {
    const session = signedIn(ctx);
    const started = await ImportCeremony.start(
      session,
      input.path,
      progress(ctx, () => ''),
    );
    const map = running.get(session) ?? new Map<string, ImportCeremony>();
    running.set(session, map);
    map.set(started.id, started);
    return { ceremonyId: started.id, archive: started.archiveFacts };
  },
  'import.admit': async (ctx, input) => {
    const custodian = await ceremonyOf(ctx, input.ceremonyId).admit(
      input.slot,
      input.username,
      input.password,
      input.half,
    );
    return { slot: custodian.slot, username: custodian.username, role: custodian.role };
  },
  'import.check': async (ctx, input) => {
    const ceremony = ceremonyOf(ctx, input.ceremonyId);
    const report = await ceremony.check({ template: input.template, onProgress: progress(ctx, () => ceremony.id) });
    return { ...report, encryption: ceremony.ceremony.transcript.encryption ?? 'aes' };
  },
  'import.commit': async (ctx, input) => {
    const ceremony = ceremonyOf(ctx, input.ceremonyId);
    return ceremony.commit({
      // The app and the CLI name their built worker; from source (tests) it is beside its module.
      sealWorker: ctx.ws.options.sealWorker ?? sealWorkerScript(),
      onProgress: progress(ctx, () => ceremony.id),
    });
  },
  'import.destroySource': async (ctx, input) => {
    await ceremonyOf(ctx, input.ceremonyId).destroySource();
    return OK;
  },
  'import.cancel': async (ctx, input) => {
    await ceremonyOf(ctx, input.ceremonyId).cancel();
    running.get(signedIn(ctx))?.delete(input.ceremonyId);
    return OK;
  },
  'import.certificate': async (ctx, input) => {
    const ceremony = ceremonyOf(ctx, input.ceremonyId);
    const facts = ceremony.certificateFacts();
    const pdf = await certificatePdf(facts, await readFile(ctx.ws.options.fontPath));
    return {
      filename: `ceremony-${facts.ceremonyId}.pdf`,
      mime: 'application/pdf',
      base64: Buffer.from(pdf).toString('base64'),
    };
  },
  'import.addTemplate': async (ctx, input) => {
    await addTemplate(signedIn(ctx), input.body);
    return OK;
  },
};
