// Build-time prerender of the home page (server-side rendering in Node, loaded by the Vite plugin in
// vite.config.ts; never part of the client bundle). The same App and HomePage components render once per
// language with the content this build bundles, so index.html shows the real home page before any script
// runs: the first paint online and the offline cold start no longer wait for the JavaScript. The client does
// not hydrate this markup: main.ts mounts a fresh app over it (see public/lang.js).
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
 * One inert <template> per language. public/lang.js, run right after them, copies the visitor's language into
 * #app before the first paint and drops the templates, so only one copy is ever in the document.
 */
export async function prerenderHome(content: Content): Promise<string> {
  const parts: string[] = []
  for (const locale of SUPPORTED_LOCALES) {
    parts.push(`<template data-pre-locale="${locale}">${await renderHome(content, locale)}</template>`)
  }
  i18n.global.locale.value = 'en'
  return parts.join('')
}
