/** ledger.* procedures: the daily account ledger on screen, or as a CSV or PDF file. */
import { readFile } from 'node:fs/promises';
import { signedIn, type HandlersOf } from '../api/call-context';
import { dailyLedger } from './daily-ledger';
import { ledgerCsv } from './ledger-csv';
import { ledgerPdf } from './ledger-pdf';

export const ledgerHandlers: HandlersOf<'ledger'> = {
  'ledger.daily': (ctx, input) => dailyLedger(signedIn(ctx), input.date),
  'ledger.export': async (ctx, input) => {
    const ledger = await dailyLedger(signedIn(ctx), input.date);
    const filename = `account-ledger-${input.date}.${input.format}`;
    if (input.format === 'csv')
      return { filename, mime: 'text/csv', base64: Buffer.from(ledgerCsv(ledger), 'utf8').toString('base64') };
    const pdf = await ledgerPdf(ledger, await readFile(ctx.ws.options.fontPath));
    return { filename, mime: 'application/pdf', base64: Buffer.from(pdf).toString('base64') };
  },
};
