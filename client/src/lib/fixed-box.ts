/**
 * @module A box the browser lays out on its own: `contain: strict` on the element, its size copied from its one child
 * (the content) whenever that changes. A value that changes every second inside a flex or grid item otherwise has
 * the page laid out again up to its root, and each such layout leaves garbage in Blink's heap (~10 KB a change at
 * 10,000 viewers) that brings the next major collection sooner (docs/benchmarks.md, "Fixed boxes"). Inside such a
 * box a change is laid out alone; only when the content's size changes does the page follow, a frame later.
 *
 * The box must be a block-level child of a block (a flex or grid item is not laid out alone): FixedBox.svelte places
 * it in a cell of its own, and is how the page uses it.
 */
import type { Attachment } from 'svelte/attachments';

/** `block`: the width is the container's and the height follows the content; `both`: the width follows too. */
export type FixedAxes = 'block' | 'both';

export function fixedBox(axes: FixedAxes = 'block'): Attachment<HTMLElement> {
  return (box) => {
    const content = box.firstElementChild;
    if (!(content instanceof HTMLElement)) return;
    if (axes === 'both') content.style.width = 'max-content';
    // A block's children's margins would collapse through it and out of the measured size.
    if (getComputedStyle(content).display === 'block') content.style.display = 'flow-root';
    // The content's own margins sit inside the box: they are added to its size.
    const fit = (width: number, height: number) => {
      const style = getComputedStyle(content);
      box.style.height = `${height + parseFloat(style.marginTop) + parseFloat(style.marginBottom)}px`;
      if (axes === 'both')
        box.style.width = `${width + parseFloat(style.marginLeft) + parseFloat(style.marginRight)}px`;
    };
    const first = content.getBoundingClientRect();
    fit(first.width, first.height);
    box.style.contain = 'strict';
    const observer = new ResizeObserver(([entry]) => {
      const size = entry?.borderBoxSize[0];
      if (size) fit(size.inlineSize, size.blockSize);
    });
    observer.observe(content);
    return () => observer.disconnect();
  };
}
