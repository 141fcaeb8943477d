/**
 * @module Which texts the live dashboard changes every second, and whether each is laid out alone: inside a fixed box
 * (`contain: strict`, client/src/lib/FixedBox.svelte). A text that changes every second outside one has the page laid
 * out again up to its root each time, and the garbage of that brings the next major collection sooner
 * (docs/benchmarks.md, "Fixed boxes").
 */
import type { Page } from 'playwright-core';

/**
 * `changing`: the test ids (or classes) of texts that changed at least 3 times while the clock changed `seconds`
 * times; `free`: those of them outside a fixed box.
 */
export type LiveText = { changing: string[]; free: string[] };

export function liveTexts(page: Page, seconds = 6): Promise<LiveText> {
  return page.evaluate(
    (clockChanges) =>
      new Promise<LiveText>((resolve) => {
        const counts = new Map<Element, number>();
        let clock = 0;
        const name = (el: Element) =>
          el.closest('[data-testid]')?.getAttribute('data-testid') ?? `${el.tagName}.${[...el.classList].join('.')}`;
        const contained = (el: Element | null): boolean => {
          for (; el; el = el.parentElement) {
            const contain = getComputedStyle(el).contain;
            if (contain === 'strict' || contain.includes('size')) return true;
          }
          return false;
        };
        const observer = new MutationObserver((records) => {
          for (const r of records) {
            // A text node's new value, or an element's text replaced whole (Svelte does either).
            const el =
              r.type === 'characterData'
                ? r.target.parentElement
                : r.addedNodes.length > 0 && [...r.addedNodes].every((n) => n.nodeType === Node.TEXT_NODE)
                  ? (r.target as Element)
                  : null;
            if (!el) continue;
            counts.set(el, (counts.get(el) ?? 0) + 1);
            if (el.closest('[data-testid="clock"]')) clock += 1;
          }
          if (clock < clockChanges) return;
          observer.disconnect();
          const changing = [...counts].filter(([, n]) => n >= 3).map(([el]) => el);
          resolve({ changing: changing.map(name), free: changing.filter((el) => !contained(el)).map(name) });
        });
        observer.observe(document.body, { subtree: true, characterData: true, childList: true });
      }),
    seconds,
  );
}
