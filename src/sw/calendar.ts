// /calendar/plan.ics?ids=a,b&lang=ru&alarm=15: a visitor's plan as a calendar file, made here from the content
// the app last validated (else the copy precached with this build), so it works offline and iOS opens it in
// Calendar, which it does for a URL that answers text/calendar but not for a blob.
import { registerRoute } from 'workbox-routing'
import { matchPrecache } from 'workbox-precaching'
import { readLastGood } from './content-cache'
import { FEED_LANGS, planCalendar } from '../domain/calendar-feed'
import type { Content, Locale } from '../content/schema'

declare const self: ServiceWorkerGlobalScope

async function content(path: string): Promise<Content | null> {
  const saved = await readLastGood(new URL(path, self.location.origin).toString())
  const text = saved?.text ?? (await (await matchPrecache(path))?.text())
  try {
    return text ? (JSON.parse(text) as Content) : null
  } catch {
    return null
  }
}

export function registerCalendarRoute(base: string): void {
  const path = `${base}calendar/plan.ics`
  registerRoute(
    ({ url, request }) => url.origin === self.location.origin && url.pathname === path && request.method === 'GET',
    async ({ url }) => {
      const c = await content(`${base}data/content.json`)
      if (!c) return new Response('The programme is not available offline yet.', { status: 503 })
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean)
      const asked = url.searchParams.get('lang')
      const lang: Locale = FEED_LANGS.includes(asked as Locale) ? (asked as Locale) : 'en'
      const alarm = Number(url.searchParams.get('alarm')) || 0
      const body = planCalendar(c, ids, lang, self.location.origin, alarm, Date.now())
      const name = (url.searchParams.get('name') ?? '').replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60) || 'qingdao-plan'
      return new Response(body, {
        headers: {
          'Content-Type': 'text/calendar; charset=utf-8',
          'Content-Disposition': `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}.ics"; filename*=UTF-8''${encodeURIComponent(name)}.ics`,
          'Cache-Control': 'no-store',
        },
      })
    },
  )
}
