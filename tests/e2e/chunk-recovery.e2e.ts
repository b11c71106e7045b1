// After a deploy, a page opened before it asks for lazy chunks the server no longer has. Without a service
// worker (blocked here, as in private windows and in-app WebViews) the app reloads once to where the visitor
// was going, and says so when even that fails.
import { afterEach, describe, expect, it } from 'vitest'
import { open, type Opened } from './browser'

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const MAP_CHUNK = /\/assets\/MapPage-[^/]*\.js$/

async function openWithDeploy(viewport: { width: number; height: number }, chunkBack: 'after-reload' | 'never') {
  opened = await open('/', { serviceWorkers: 'block', viewport })
  const { page, context } = opened
  let gone = true
  let documents = 0
  await context.route(MAP_CHUNK, (route) => (gone ? route.fulfill({ status: 404, body: 'Not found' }) : route.fallback()))
  page.on('request', (r) => {
    if (r.isNavigationRequest() && new URL(r.url()).pathname === '/map') {
      documents++
      // The reload fetches the new index.html, whose chunks the server has.
      if (chunkBack === 'after-reload') gone = false
    }
  })
  return { page, documents: () => documents }
}

describe('a lazy chunk missing after a deploy', () => {
  it.each([
    { width: 390, height: 844 },
    { width: 320, height: 568 },
  ])('tapping Map reloads once and lands on /map (%o)', async (viewport) => {
    const { page, documents } = await openWithDeploy(viewport, 'after-reload')
    await page.locator('[data-testid=nav-map]').click()
    await page.waitForURL('**/map')
    await page.locator('.leaflet-container').first().waitFor()
    expect(documents()).toBe(1)
    expect(await page.locator('[data-testid=nav-map]').getAttribute('aria-current')).toBe('page')
  })

  it('when the reload cannot load it either, a notice says so (and it does not loop)', async () => {
    const { page, documents } = await openWithDeploy({ width: 375, height: 667 }, 'never')
    await page.locator('[data-testid=nav-map]').click()
    const notice = page.locator('[data-testid=notice]').filter({ hasText: 'could not be loaded' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('updated on the server')
    expect(documents()).toBe(1)
  })
})
