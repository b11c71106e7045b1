import { expect, inject, it } from 'vitest'
import { measure, BUDGETS } from '../../scripts/sizes.mjs'

it('the home route stays within its JavaScript budget', () => {
  const m = measure(inject('distDir'))
  console.log(`home route JS ${m.homeJs.toFixed(1)} KiB gzip; CSS ${m.css.toFixed(1)} KiB; precache ${m.precacheEntries} entries ${m.precache.toFixed(0)} KiB`)
  expect(m.homeJs).toBeLessThanOrEqual(BUDGETS.homeJs)
  expect(m.css).toBeLessThanOrEqual(BUDGETS.css)
  for (const [route, kib] of Object.entries(m.routes)) expect(kib, route).toBeLessThanOrEqual(BUDGETS.routeJs)
})
