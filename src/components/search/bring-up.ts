// On a phone the search box sits halfway down Home, and the on-screen keyboard that a tap opens covers the
// bottom half of the screen: the results under the box would show behind it. A tap therefore scrolls the box
// up to just under the sticky header, as search boxes on phones do, leaving the results room above the keyboard.

const GAP = 8

/**
 * Scrolls the page so that `el` sits just under the header; nothing when it is there already or cannot go higher,
 * and nothing with a mouse or a trackpad, where no keyboard covers the screen and a jump would only surprise.
 */
export function bringUnderHeader(el: HTMLElement): void {
  if (!matchMedia('(pointer: coarse)').matches) return
  const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0
  const by = el.getBoundingClientRect().top - header - GAP
  if (Math.abs(by) > GAP) window.scrollBy(0, by)
}
