import type { Plugin } from 'vite'

/** iOS Home Screen icons come from apple-touch-icon and show transparency as black: an opaque one. */
export function pwaHeadLinks(): Plugin {
  return {
    name: 'qd-pwa-head',
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon.png' }, injectTo: 'head' },
    ],
  }
}
