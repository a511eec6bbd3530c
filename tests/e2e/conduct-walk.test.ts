/**
 * Collection conduct in the app, in both languages: an agent calls inside the window (the number
 * goes to the seat's dialer, never to the page), records a promise, reaches the debtor three times
 * and finds the fourth call blocked until tomorrow, finds another case blocked after 20:00, and
 * asks for a field visit and raises a complaint; the lead clears the complaint and approves the
 * visit, and reads the board; IT imports next year's holiday calendar with a director's approval.
 * The case page and the board pass an axe scan.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnv } from '../../electron/core/vault/env';
import { addDays, seatTimeOn } from '../../shared/seat-day';
import { conductFloor, NUMBERS, nextWorkday, type Conduct } from '../fixtures/conduct';
import { displayNameOf } from '../fixtures/workspace';
import { axeViolations } from './pages/axe';
import { CasesPage } from './pages/cases-page';
import { MACHINE_ID, openApp, screenshotIfFailed, type AppUnderTest } from './pages/app';
import { acknowledgeNotices, createVault, signIn } from './pages/flows';
import { SetupPage } from './pages/setup-page';
import { ShellPage } from './pages/shell-page';
import { texts, type Lang, type Tr } from './pages/texts';

const IT = { username: 'it.zhou', displayName: '周工', password: 'Vault2026pass' };
const person = (who: 'lead1' | 'agent1') => ({
  username: `ws.${who}`,
  displayName: displayNameOf(who),
  password: 'Initial9pass',
});

/** Opens a case from the list by searching its number. */
async function openCase(cases: CasesPage, caseNo: string): Promise<void> {
  await cases.open();
  await cases.search.fill(caseNo);
  await cases.search.press('Enter');
  await cases.count(1, 1).waitFor();
  await cases.row(caseNo).click();
  await cases.caseHeading(caseNo).waitFor();
}

/** Calls the mobile of the open case and records the call with `outcome` (and a promise). */
async function callAndRecord(
  page: Page,
  tr: Tr,
  mask: string,
  outcome: string,
  promise?: { yuan: string; on: string },
) {
  await page.getByRole('button', { name: tr('contacts.callAria', { number: mask }) }).click();
  const dialog = page.getByRole('dialog', { name: tr('contacts.record.title') });
  await dialog.waitFor();
  // From the keyboard: type the code, take the first match (PTP before PTPX), and see it chosen.
  const outcomeBox = dialog.getByRole('combobox', { name: tr('contacts.record.outcome') }).first();
  await outcomeBox.focus();
  await outcomeBox.pressSequentially(outcome);
  await page
    .locator('.ant-select-item-option-active')
    .filter({ hasText: `${outcome} ` })
    .waitFor();
  await outcomeBox.press('Enter');
  await dialog.getByTitle(`${outcome} ${tr(`conduct.outcomes.${outcome}`)}`, { exact: true }).waitFor();
  if (promise) {
    await dialog.getByLabel(tr('contacts.record.promiseAmount')).fill(promise.yuan);
    await dialog.getByLabel(tr('contacts.record.promiseOn')).fill(promise.on);
  }
  await dialog.getByLabel(tr('contacts.record.recordingId')).fill(`REC-${Date.now()}`);
  await dialog.getByLabel(tr('contacts.record.note')).fill(`outcome ${outcome}`);
  await dialog.getByRole('button', { name: tr('contacts.record.save') }).click();
  // On a timeout, say what the dialog showed (a validation message, the core's refusal).
  await dialog.waitFor({ state: 'hidden' }).catch(async (e: unknown) => {
    throw new Error(`${String(e)}\n${await dialog.innerText()}`);
  });
}

describe.each(['zh-CN', 'en'] as const)('collection conduct (%s)', (lang: Lang) => {
  const tr = texts(lang);
  let app: AppUnderTest;
  let floor: Conduct<typeof defaultEnv>;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    await floor?.cleanup();
    await app?.close();
  });
  afterEach((ctx) => screenshotIfFailed(app, ctx.task));

  it('an agent calls, records a promise, meets the cap and the window; a lead clears a complaint', async () => {
    const { page, harness } = app;
    if (lang === 'en') {
      await new SetupPage(page).waitUntilShown();
      await new ShellPage(page).switchLanguage('en');
    }
    await createVault(page, IT, lang);
    floor = await conductFloor({ dataDir: harness.dataDir, env: { ...defaultEnv, machineId: () => MACHINE_ID } }, IT);
    // The vault's clock to 10:00 on the next working day (Asia/Shanghai).
    const day = nextWorkday();
    harness.clock.advance(seatTimeOn(day, 10 * 60) - harness.clock.now());
    const shell = new ShellPage(page, lang);
    const cases = new CasesPage(page, lang);

    await signIn(page, person('agent1'), lang);
    await acknowledgeNotices(page, lang);
    await openCase(cases, 'CD-4');
    const mobile = '138****8004';
    await page.getByRole('button', { name: tr('contacts.callAria', { number: mobile }) }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const promiseOn = addDays(day, 2);
    await callAndRecord(page, tr, mobile, 'PTP', { yuan: '300', on: promiseOn });
    expect(harness.dialed.map((d) => d.number)).toEqual([NUMBERS['CD-4'].mobile]);
    await page.getByText(`PTP ${tr('conduct.outcomes.PTP')}`).waitFor();
    await page.getByText(tr('contacts.history.promiseStates.pending', { paid: '¥0.00' })).waitFor();

    // Reached twice more: the fourth call is blocked by the floor's cap until tomorrow.
    await callAndRecord(page, tr, mobile, 'KNOW');
    await callAndRecord(page, tr, mobile, 'CBK');
    await page.getByText(tr('conduct.rules.reachedFloor')).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: tr('contacts.callAria', { number: mobile }) }).isDisabled())
      .toBe(true);
    await page.getByText(tr('contacts.possibleFrom', { at: `${nextWorkday(day)} 08:00` })).waitFor();
    expect(harness.dialed).toHaveLength(3);
    // With records, promise and status tags on the page: still readable.
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.content()).not.toContain(NUMBERS['CD-4'].mobile);
    await shell.logout();

    // 20:00: outside the contact window.
    harness.clock.advance(seatTimeOn(day, 20 * 60) - harness.clock.now());
    await signIn(page, person('agent1'), lang);
    await openCase(cases, 'CD-3');
    await page.getByText(tr('conduct.rules.contactWindow')).waitFor();
    expect(
      await page.getByRole('button', { name: tr('contacts.callAria', { number: '138****8003' }) }).isDisabled(),
    ).toBe(true);

    // The numbers won't do: the agent asks for a field visit.
    await page.getByRole('button', { name: tr('visits.request'), exact: true }).click();
    const request = page.getByRole('dialog', { name: tr('visits.requestTitle', { caseNo: 'CD-3' }) });
    await request.getByLabel(tr('visits.from')).fill(nextWorkday(day));
    await request.getByLabel(tr('visits.to')).fill(addDays(nextWorkday(day), 2));
    await request.getByLabel(tr('admin.reason')).fill('verify the home address');
    await request.getByRole('button', { name: tr('visits.request') }).click();
    await page.getByText(tr('visits.states.requested')).waitFor();

    // A complaint on CD-1 holds the debtor; the lead clears it.
    await page.getByRole('button', { name: tr('cases.page.back') }).click();
    await openCase(cases, 'CD-1');
    await page.getByRole('button', { name: tr('complaints.raise'), exact: true }).click();
    const raise = page.getByRole('dialog', { name: tr('complaints.raiseTitle', { caseNo: 'CD-1' }) });
    await raise
      .getByRole('combobox', { name: tr('complaints.grade') })
      .first()
      .click();
    await page.locator('.ant-select-item-option', { hasText: tr('conduct.grades.medium') }).click();
    await raise.getByLabel(tr('admin.reason')).fill('asked not to be called at work');
    await raise.getByRole('button', { name: tr('complaints.raise') }).click();
    const hold = tr('complaints.holdTitle', {
      kind: tr('conduct.kinds.complaint'),
      grade: tr('conduct.grades.medium'),
    });
    await page.getByText(hold).waitFor();
    await shell.logout();

    await signIn(page, person('lead1'), lang);
    await acknowledgeNotices(page, lang);
    await openCase(cases, 'CD-1');
    await page.getByText(hold).waitFor();
    await page.getByRole('button', { name: tr('complaints.clear'), exact: true }).click();
    const clear = page.getByRole('dialog', { name: tr('complaints.clearTitle', { caseNo: 'CD-1' }) });
    await clear.getByLabel(tr('admin.reason')).fill('explained; will call in the evening window');
    await clear.getByRole('button', { name: tr('complaints.clear') }).click();
    await expect.poll(() => page.getByText(hold).count()).toBe(0);
    // And approves the visit (the team lead's step; a field lead names the two visitors next).
    await page.getByRole('button', { name: tr('cases.page.back') }).click();
    await openCase(cases, 'CD-3');
    await page.getByRole('button', { name: tr('visits.approve'), exact: true }).click();
    await page.getByText(tr('visits.states.leadApproved')).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The lead's board: the team's day beside its recovery.
    await page.getByRole('menuitem', { name: tr('nav.board'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: tr('board.titleTeam', { team: '电催一组' }) }).waitFor();
    const agentRow = page.getByRole('row').filter({ hasText: 'ws.agent1' }).first();
    await expect
      .poll(() => agentRow.getByRole('cell').allInnerTexts())
      .toEqual(['ws.agent1', '3', '0', '3', '3', '0', '0']);
    await page.getByText(tr('board.recordingRate')).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shell.logout();

    // IT imports next year's calendar; a director approves at this seat.
    const next = Number(day.slice(0, 4)) + 1;
    await signIn(page, IT, lang);
    await page.getByRole('menuitem', { name: tr('nav.holidays'), exact: true }).click();
    await page.getByText(tr('holidays.nextMissing', { year: next })).waitFor();
    await page.getByLabel(tr('holidays.file')).setInputFiles({
      name: `${next}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          year: next,
          papers: ['国务院办公厅通知'],
          days: [{ name: '元旦', date: `${next}-01-01`, isOffDay: true }],
        }),
      ),
    });
    await page.getByText(`+ ${next}-01-01 ${tr('holidays.off')} 元旦`).waitFor();
    await page.getByLabel(tr('holidays.approver')).fill('ws.director');
    await page.getByLabel(tr('holidays.approverPassword')).fill('Initial9pass');
    await page.getByRole('button', { name: tr('holidays.importButton') }).click();
    await page.getByText(tr('holidays.imported', { year: next })).waitFor();
    await expect.poll(() => page.getByText(tr('holidays.nextMissing', { year: next })).count()).toBe(0);
    await shell.logout();
    expect(app.problems).toEqual([]);
  }, 300_000);
});
