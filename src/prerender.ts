// Build-time render of the home page (Vue's server renderer in Node, loaded by build/prerender.ts; never part of
// the client bundle). The same App and HomePage render once per language with the content this build bundles,
// so index.html shows the home page before any script runs; src/main.ts then hydrates it. What depends on the
// clock, the visitor's zone or saved state is not in this markup (<ClientOnly>, useHydrated()).
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from './App.vue'
import { routes } from './router'
import { i18n, loadLocaleMessages } from './i18n'
import { SUPPORTED_LOCALES } from './domain/lang'
import { useContentStore } from './stores/content'
import type { Content, Locale } from './content/schema'

async function renderHome(content: Content, locale: Locale): Promise<string> {
  await loadLocaleMessages(locale)
  i18n.global.locale.value = locale
  const app = createSSRApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes })
  app.use(router)
  app.use(i18n)
  useContentStore(pinia).prerendered(content)
  await router.push('/')
  await router.isReady()
  return renderToString(app)
}

/**
 * One inert <template> per language. public/lang.js, run right after them, moves the visitor's language into
 * #app before the first paint and drops the others, so only one copy is ever in the document.
 */
export async function prerenderHome(content: Content): Promise<string> {
  const parts: string[] = []
  for (const locale of SUPPORTED_LOCALES) {
    parts.push(`<template data-pre-locale="${locale}">${await renderHome(content, locale)}</template>`)
  }
  i18n.global.locale.value = 'en'
  return parts.join('')
}
