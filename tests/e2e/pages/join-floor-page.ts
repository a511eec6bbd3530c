/** Page object: first run's "join a floor" form (server, seat role, the three PEM files). */
import type { Page } from 'playwright-core';
import { texts, type Lang } from './texts';

/** What IT hands a seat: where the floor is, the seat's role, and paths to its PEM files. */
export interface FloorSeat {
  host: string;
  port: number;
  database: string;
  role: string;
  servername?: string;
  ca: string;
  cert: string;
  key: string;
}

export class JoinFloorPage {
  private readonly tr;

  constructor(
    readonly page: Page,
    lang: Lang = 'zh-CN',
  ) {
    this.tr = texts(lang);
  }

  /** The first run's choice: this station (a vault of its own) or a seat on a floor. */
  get modes() {
    return this.page.getByRole('radiogroup', { name: this.tr('setup.mode') });
  }
  mode(which: 'station' | 'floor') {
    return this.modes.getByRole('radio', { name: this.tr(`setup.modes.${which}`), exact: true });
  }
  get heading() {
    return this.page.getByRole('heading', { name: this.tr('setup.floor.title') });
  }
  private field(key: string) {
    return this.page.getByLabel(this.tr(key), { exact: true });
  }
  get dataDir() {
    return this.field('setup.dataDir');
  }
  get host() {
    return this.field('setup.floor.host');
  }
  get port() {
    return this.field('setup.floor.port');
  }
  get database() {
    return this.field('setup.floor.database');
  }
  get role() {
    return this.field('setup.floor.role');
  }
  get servername() {
    return this.field('setup.floor.servername');
  }
  get caFile() {
    return this.field('setup.floor.ca');
  }
  get certFile() {
    return this.field('setup.floor.cert');
  }
  get keyFile() {
    return this.field('setup.floor.key');
  }
  get submit() {
    return this.page.getByRole('button', { name: this.tr('setup.floor.submit'), exact: true });
  }
  /** The refusal shown under the form, with the catalog's message for it. */
  refusal(message: string) {
    return this.page
      .getByRole('alert')
      .filter({ hasText: this.tr('setup.floor.failed') })
      .filter({ hasText: message });
  }

  /** From the first-run screen, by keyboard: the checked choice ("this station"), then → to "join a floor". */
  async open(): Promise<void> {
    await this.mode('station').focus();
    await this.page.keyboard.press('ArrowRight');
    await this.heading.waitFor();
  }

  /** Fills the form (by its labels) and sends it from the keyboard. */
  async join(seat: FloorSeat): Promise<void> {
    await this.host.fill(seat.host);
    await this.port.fill(String(seat.port));
    await this.database.fill(seat.database);
    await this.role.fill(seat.role);
    await this.servername.fill(seat.servername ?? '');
    await this.caFile.setInputFiles(seat.ca);
    await this.certFile.setInputFiles(seat.cert);
    await this.keyFile.setInputFiles(seat.key);
    await this.submit.focus();
    await this.page.keyboard.press('Enter');
  }
}
