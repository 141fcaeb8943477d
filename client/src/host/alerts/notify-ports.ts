/**
 * @module The browser side of alert notifications: a two-tone beep made with Web Audio (no sound file), the
 * Notification API, and localStorage. Kept apart from AlertNotifier so it can be tested without a browser.
 */
import { readLocal, writeLocal } from '../../lib/local-store.ts';
import type { NotifyPorts, Permission } from './alert-notifier.svelte.ts';

/** Two short sine tones (880 Hz, then 660 Hz), ~0.4 s in all, with soft edges so they do not click. */
function createBeeper(): () => void {
  let ctx: AudioContext | null = null;
  return () => {
    const Ctx = globalThis.AudioContext;
    if (!Ctx) return;
    ctx ??= new Ctx();
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime + 0.02;
    for (const [i, hz] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const t = start + i * 0.2;
      osc.type = 'sine';
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.25, t + 0.02);
      gain.gain.linearRampToValueAtTime(0, t + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.18);
    }
  };
}

const api = (): typeof Notification | undefined => (typeof Notification === 'undefined' ? undefined : Notification);

export function browserNotifyPorts(): NotifyPorts {
  return {
    read: readLocal,
    write: writeLocal,
    beep: createBeeper(),
    permission: (): Permission => api()?.permission ?? 'unsupported',
    requestPermission: async (): Promise<Permission> => {
      const N = api();
      return N ? N.requestPermission() : 'unsupported';
    },
    show(title, body, tag) {
      const N = api();
      if (N?.permission !== 'granted') return;
      const n = new N(title, { body, tag });
      n.onclick = () => {
        globalThis.focus();
        n.close();
      };
    },
    now: () => Date.now(),
  };
}
