/**
 * @module `{@attach inSight(callback)}`: tells `callback` when the element comes within `marginPx` of the viewport and
 * when it leaves it (IntersectionObserver; the first report comes at once). For work that only matters on screen.
 */
import type { Attachment } from 'svelte/attachments';

export function inSight(callback: (seen: boolean) => void, marginPx = 300): Attachment<HTMLElement> {
  return (element) => {
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (last) callback(last.isIntersecting);
      },
      { rootMargin: `${marginPx}px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  };
}
