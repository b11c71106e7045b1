import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

const LOCALES = ['zh', 'ru', 'en'] as const
type Texts = { name: string; short_name: string; description: string }
type Messages = { install: Partial<Texts>; page_title: Record<string, string> }
const BUILD_ONLY = ['name', 'short_name', 'description'] as const

const messages = (locale: string) =>
  JSON.parse(readFileSync(new URL(`../locales/${locale}.json`, import.meta.url), 'utf8')) as { install: Texts; page_title: Record<string, string> }

/** `manifest-<locale>.webmanifest`: what public/lang.js and applyLocale point `<link rel="manifest">` at. */
export const localeManifestName = (locale: string) => `manifest-${locale}.webmanifest`

/**
 * One web manifest per language, so that the installed app is named in the visitor's language: copies of
 * vite-plugin-pwa's manifest with the names and descriptions from locales/*.json. Also adds the iOS Home
 * Screen title with each language's short name on data-* attributes for public/lang.js to choose from.
 */
export function localeManifests(source = 'manifest.webmanifest'): Plugin {
  return {
    name: 'qd-locale-manifests',
    apply: 'build',
    // Only the manifests and the page head use these texts: kept out of the app's messages (English is in the entry).
    transform: {
      order: 'pre',
      filter: { id: /[\\/]locales[\\/](zh|ru|en)\.json$/ },
      handler(code) {
        const data = JSON.parse(code) as Partial<Messages>
        if (!data.install) return null
        for (const key of BUILD_ONLY) delete data.install[key]
        return { code: JSON.stringify(data), map: null }
      },
    },
    transformIndexHtml: () => [{
      tag: 'meta',
      attrs: {
        name: 'apple-mobile-web-app-title',
        content: messages('en').install.short_name,
        ...Object.fromEntries(LOCALES.map((l) => [`data-${l}`, messages(l).install.short_name])),
      },
      injectTo: 'head',
    }],
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const asset = bundle[source]
        if (asset?.type !== 'asset') this.error(`${source} is missing: vite-plugin-pwa must come before this plugin`)
        const base = JSON.parse(String(asset.source)) as Record<string, unknown>
        for (const locale of LOCALES) {
          const m = messages(locale)
          const shortcuts = (base.shortcuts as { url: string }[] | undefined)?.map((s) => {
            const title = m.page_title[s.url.slice(1)]
            return title ? { ...s, name: title, short_name: title } : s
          })
          const manifest = {
            ...base,
            name: m.install.name,
            short_name: m.install.short_name,
            description: m.install.description,
            lang: locale === 'zh' ? 'zh-CN' : locale,
            ...(shortcuts ? { shortcuts } : {}),
          }
          this.emitFile({ type: 'asset', fileName: localeManifestName(locale), source: JSON.stringify(manifest) })
        }
      },
    },
  }
}
