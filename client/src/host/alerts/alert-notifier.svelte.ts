/**
 * @module The host's opt-in alert notifications for this browser: a beep and a system notification when an alert goes
 * up, noticed while presenting in another window. Each alert notifies once (a resent reading of the same alert does
 * not), alerts already up for a while when the page opens do not, and the choice is remembered here. The browser
 * parts (Web Audio, Notification, storage) are ports, so tests pass fakes.
 */
import type { AlertNotice } from '../../../../shared/alert.ts';

export type Permission = NotificationPermission | 'unsupported';

export type NotifyPorts = {
  read(key: string): string | null;
  write(key: string, value: string): void;
  /** A short sound; the first call must come from a click (browsers start audio only after a gesture). */
  beep(): void;
  permission(): Permission;
  /** Asks the browser for permission (must run in a click handler). */
  requestPermission(): Promise<Permission>;
  show(title: string, body: string, tag: string): void;
  now(): number;
};

export const NOTIFY_KEY = 'kansoku.alertNotify';
/** An alert raised longer ago than this when first seen (e.g. at page open) is not announced. */
export const FRESH_MS = 60_000;

const keyOf = (n: AlertNotice): string => `${n.eventId}|${n.ruleId}|${n.t}`;

export class AlertNotifier {
  sound = $state(false);
  desktop = $state(false);
  permission = $state<Permission>('default');

  readonly #ports: NotifyPorts;
  readonly #seen = new Set<string>();

  constructor(ports: NotifyPorts) {
    this.#ports = ports;
    this.permission = ports.permission();
    let saved: { sound?: unknown; desktop?: unknown } = {};
    try {
      saved = JSON.parse(ports.read(NOTIFY_KEY) ?? '{}') as typeof saved;
    } catch {
      // A damaged value: start with both off.
    }
    this.sound = saved.sound === true;
    this.desktop = saved.desktop === true && this.permission === 'granted';
  }

  /** Click handler: on, with a beep to show what it sounds like; or off. */
  toggleSound(): void {
    this.sound = !this.sound;
    if (this.sound) this.#ports.beep();
    this.#save();
  }

  /** Click handler: turning it on asks for permission first, and stays off unless it is granted. */
  async toggleDesktop(): Promise<void> {
    if (this.desktop) {
      this.desktop = false;
    } else if (this.permission !== 'unsupported') {
      this.permission = this.permission === 'granted' ? 'granted' : await this.#ports.requestPermission();
      this.desktop = this.permission === 'granted';
    }
    this.#save();
  }

  /**
   * Call with the alerts up now whenever they change. Announces each alert the first time it is seen, if it went
   * up recently; `describe` gives its title and body. Returns the alerts announced.
   */
  observe(
    active: readonly AlertNotice[],
    describe: (n: AlertNotice) => { title: string; body: string },
  ): AlertNotice[] {
    const announced: AlertNotice[] = [];
    for (const notice of active) {
      const key = keyOf(notice);
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      if (notice.kind !== 'raised' || this.#ports.now() - notice.t > FRESH_MS) continue;
      announced.push(notice);
    }
    if (announced.length === 0) return announced;
    if (this.sound) this.#ports.beep();
    if (this.desktop && this.permission === 'granted') {
      for (const n of announced) {
        const { title, body } = describe(n);
        this.#ports.show(title, body, keyOf(n));
      }
    }
    return announced;
  }

  #save(): void {
    this.#ports.write(NOTIFY_KEY, JSON.stringify({ sound: this.sound, desktop: this.desktop }));
  }
}
