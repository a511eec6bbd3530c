/**
 * The agent's workspace in the app, in both languages: a lead assigns three cases to an agent;
 * the agent lists their cases, searches, opens one (Esc back to the list as it was) and reveals
 * its ID number with a reason. Every message the page received is recorded: no full ID, card or
 * phone number of the delivery is in any of them but the responses to reveals. The list and the
 * case page pass an axe scan with no serious or critical violations.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contactsOf, openColumn, openContact, storedCase } from '../../electron/core/cases/case-reader';
import { defaultEnv } from '../../electron/core/vault/env';
import { displayNameOf, workspace, type Workspace } from '../fixtures/workspace';
import { axeViolations } from './pages/axe';
import { CasesPage } from './pages/cases-page';
import { MACHINE_ID, openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { acknowledgeNotices, createVault, signIn } from './pages/flows';
import { SetupPage } from './pages/setup-page';
import { ShellPage } from './pages/shell-page';
import { texts, type Lang } from './pages/texts';

const IT = { username: 'it.zhou', displayName: '周工', password: 'Vault2026pass' };
const person = (who: 'lead1' | 'agent1') => ({
  username: `ws.${who}`,
  displayName: displayNameOf(who),
  password: 'Initial9pass',
});

/** Every full ID, card and phone number of the delivery, read in the core (the test's own view). */
async function fullNumbers(ws: Workspace<typeof defaultEnv>): Promise<Set<string>> {
  const { session } = await ws.as('director');
  const { vault } = session;
  const out = new Set<string>();
  for (const caseNo of ws.caseNos) {
    const stored = (await storedCase(vault.db, caseNo))!;
    for (const column of ['id_number', 'card_number', 'mobile', 'home_phone'] as const) {
      const value = await openColumn(vault, vault.db, stored, column);
      if (value) out.add(value);
    }
    for (const contact of await contactsOf(vault.db, stored.id)) {
      const phone = await openContact(vault, vault.db, stored, contact, 'phone');
      if (phone) out.add(phone);
    }
  }
  await session.logout();
  return out;
}

/** Records what the page sent and received over the harness's socket (its IPC). */
function recordFrames(page: Page): { sent: string[]; received: string[] } {
  const frames = { sent: [] as string[], received: [] as string[] };
  page.on('websocket', (socket) => {
    socket.on('framesent', (f) => frames.sent.push(String(f.payload)));
    socket.on('framereceived', (f) => frames.received.push(String(f.payload)));
  });
  return frames;
}

describe.each(['zh-CN', 'en'] as const)('the workspace (%s)', (lang: Lang) => {
  const tr = texts(lang);
  let app: AppUnderTest;
  let ws: Workspace<typeof defaultEnv>;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    await ws?.cleanup();
    await app?.close();
  });
  afterEach((ctx) => screenshotIfFailed(app, ctx.task));

  it('a lead assigns, the agent lists, searches, opens and reveals; nothing unmasked crosses but reveals', async () => {
    const { page } = app;
    const frames = recordFrames(page);
    // The socket opened with the page: load it again so its frames are recorded from the start.
    await page.reload();
    if (lang === 'en') {
      await new SetupPage(page).waitUntilShown();
      await new ShellPage(page).switchLanguage('en');
    }
    await createVault(page, IT, lang);
    ws = await workspace({ dataDir: app.harness.dataDir, env: { ...defaultEnv, machineId: () => MACHINE_ID } }, IT);
    const secrets = await fullNumbers(ws);
    const three = ws.caseNos.slice(0, 3);
    const shell = new ShellPage(page, lang);
    const cases = new CasesPage(page, lang);

    // The lead: all 200 cases are in the pool; three go to agent1.
    await signIn(page, person('lead1'), lang);
    await acknowledgeNotices(page, lang);
    await cases.open();
    await cases.count(200, 200).waitFor();
    for (const caseNo of three) {
      await cases.search.fill(caseNo);
      await cases.search.press('Enter');
      await cases.count(1, 1).waitFor();
      await cases.select(caseNo).check();
      await cases.button('cases.assign.selected', { count: 1 }).click();
      const dialog = page.getByRole('dialog', { name: tr('cases.assign.title', { count: 1 }) });
      await dialog
        .getByRole('combobox', { name: tr('cases.assign.to') })
        .first()
        .click();
      await page.locator('.ant-select-item-option', { hasText: displayNameOf('agent1') }).click();
      await page.keyboard.press('Escape');
      await dialog.getByRole('button', { name: tr('cases.assign.confirm') }).click();
      await page.getByText(tr('cases.assign.done', { count: 1 })).waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    await shell.logout();

    // The agent: exactly those three; search, open, Esc back, reveal.
    await signIn(page, person('agent1'), lang);
    await acknowledgeNotices(page, lang);
    await cases.open();
    await cases.count(3, 3).waitFor();
    expect((await cases.caseNumbers()).sort()).toEqual([...three].sort());
    await page.keyboard.press('/');
    await page.keyboard.type(three[1]!);
    await page.keyboard.press('Enter');
    await cases.count(1, 1).waitFor();
    await cases.row(three[1]!).focus();
    await page.keyboard.press('Enter');
    await cases.caseHeading(three[1]!).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await cases.count(1, 1).waitFor();
    expect(await cases.search.inputValue()).toBe(three[1]);
    await cases.row(three[1]!).click();
    await cases.caseHeading(three[1]!).waitFor();

    const idLabel = tr('cases.fields.idNumber');
    await page.getByRole('button', { name: tr('cases.reveal.button', { field: idLabel }) }).click();
    const dialog = page.getByRole('dialog', { name: tr('cases.reveal.title', { field: idLabel }) });
    await dialog
      .getByRole('combobox', { name: tr('cases.reveal.reason') })
      .first()
      .click();
    await page.locator('.ant-select-item-option', { hasText: tr('cases.reasons.identityCheck') }).click();
    await dialog.getByRole('button', { name: tr('cases.reveal.confirm') }).click();
    const shown = (await dialog.locator('.sr-revealed').innerText()).trim();
    expect(secrets.has(shown)).toBe(true);
    await dialog.getByRole('button', { name: tr('cases.reveal.hide') }).click();
    await expect.poll(() => page.locator('.sr-revealed').count()).toBe(0);
    await shell.logout();

    // Every response but a reveal's holds masked values only.
    const reveals = new Set(
      frames.sent
        .map((f) => JSON.parse(f) as { id: number; name: string })
        .filter((m) => m.name === 'case.reveal')
        .map((m) => m.id),
    );
    expect(reveals.size).toBe(1);
    const leaked = frames.received.filter((f) => {
      const msg = JSON.parse(f) as { type: string; id?: number };
      if (msg.type === 'result' && msg.id !== undefined && reveals.has(msg.id)) return false;
      return [...secrets].some((s) => f.includes(s));
    });
    expect(leaked).toEqual([]);
    expect(frames.received.some((f) => f.includes(shown))).toBe(true);
    expect(app.problems).toEqual([]);
  }, 240_000);
});
