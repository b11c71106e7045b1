// A test schedule for the event tests: the real content plus a few timed events around a fixed "now",
// enriched and hashed like the build does, so the app validates it as it would a content update.
import type { BrowserContext } from 'playwright-core'
import type { Content, ScheduleEvent } from '../../src/content/schema'
import { enrichContent } from '../../src/content/enrich'
import { builtContent } from './content'

/** Thursday 26 November 2026, 09:45 in Qingdao: 04:45 in Moscow, 06:45 in Almaty, 20:45 (25th) in New York. */
export const NOW = Date.parse('2026-11-26T09:45:00+08:00')
export const TODAY = '2026-11-26'
export const VENUE = 'qingdao-international-convention-center'

const l10n = (zh: string, ru: string, en: string) => ({ zh, ru, en })
function event(id: string, title: ReturnType<typeof l10n>, start: string, end: string, extra: Partial<ScheduleEvent> = {}): ScheduleEvent {
  return {
    id, category: 'forum', title, allDay: !start.includes('T'), start, end, timeZone: 'Asia/Shanghai', venueId: VENUE, venueNote: null,
    description: l10n('测试活动。', 'Тестовое событие.', 'A test event.'), organiser: l10n('测试主办方', 'Тестовый организатор', 'Test organiser'),
    confidence: 'high', sources: [{ label: 'e2e fixture' }], ...extra,
  }
}

export const TIMED = {
  talk: event('e2e-morning-talk', l10n('早间论坛', 'Утренний форум', 'Morning forum'), '2026-11-26T09:30:00+08:00', '2026-11-26T11:00:00+08:00'),
  panel: event('e2e-overlap-panel', l10n('圆桌对话', 'Круглый стол', 'Round table'), '2026-11-26T10:30:00+08:00', '2026-11-26T12:00:00+08:00', { category: 'culture' }),
  show: event('e2e-evening-show', l10n('晚间演出', 'Вечерний концерт', 'Evening concert'), '2026-11-26T19:00:00+08:00', '2026-11-26T21:00:00+08:00', { category: 'culture', venueId: null, venueNote: l10n('五四广场附近', 'Рядом с площадью 4 Мая', 'Near May Fourth Square') }),
  party: event('e2e-late-party', l10n('午夜派对', 'Полуночная вечеринка', 'Midnight party'), '2026-11-26T23:00:00+08:00', '2026-11-27T01:00:00+08:00', { category: 'festival' }),
  fair: event('e2e-winter-fair', l10n('冬季集市', 'Зимняя ярмарка', 'Winter fair'), '2026-11-25', '2026-11-28', { category: 'expo', venueId: 'sco-pearl-expo-center' }),
}

export function timedContent(): Content {
  const base = builtContent()
  return enrichContent({ ...base, meta: { ...base.meta, hash: 'e2e0e2e0e2e0' }, events: [...base.events, ...Object.values(TIMED)] })
}

/** Serve the test schedule instead of the built one (to the page and to the service worker). */
export async function serveTimedContent(context: BrowserContext, content: Content = timedContent()): Promise<void> {
  await context.route('**/data/content.json*', (route) => route.fulfill({ json: content, headers: { 'cache-control': 'no-cache' } }))
}
