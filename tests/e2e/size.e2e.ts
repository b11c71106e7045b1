import { expect, inject, it } from 'vitest'
import { measure, BUDGETS } from '../../scripts/sizes.mjs'

it('the home route stays within its JavaScript budget', () => {
  const m = measure(inject('distDir'))
  console.log(`home route JS ${m.homeJs.toFixed(1)} KiB gzip; CSS ${m.css.toFixed(1)} KiB; precache ${m.precacheEntries} entries ${m.precache.toFixed(0)} KiB`)
  expect(m.homeJs).toBeLessThanOrEqual(BUDGETS.homeJs)
  expect(m.css).toBeLessThanOrEqual(BUDGETS.css)
  for (const [route, kib] of Object.entries(m.routes)) expect(kib, route).toBeLessThanOrEqual(BUDGETS.routeJs)
})

it('the precache (app shell, routes, locales, content; no map pack) stays within its budget', () => {
  const m = measure(inject('distDir'))
  // The service worker's manifest was read: the shell and the content are in it, map packs and tiles are not.
  expect(m.precacheUrls).toContain('index.html')
  expect(m.precacheUrls).toContain('data/content.json')
  expect(m.precacheUrls.filter((u) => /\.pmtiles$|^maps\/|^tiles\//.test(u))).toEqual([])
  expect(m.precache).toBeLessThanOrEqual(BUDGETS.precache)
})
