import { effectScope, getCurrentScope, onScopeDispose, watch } from 'vue'
import { getActivePinia } from 'pinia'
import { useContentStore } from '../stores/content'
import { useNoticesStore } from '../stores/notices'
import { usePlanStore } from '../stores/plan'
import { usePreferencesStore } from '../stores/preferences'
import { dueReminders } from '../domain/schedule'
import { formatClock, MINUTE, QINGDAO_TZ, toInstant } from '../domain/time'
import { i18n } from '../i18n'
import type { Locale } from '../content/schema'

/**
 * In-app reminders while the guide is open: no push (FCM does not reach mainland China), so a notice
 * appears `reminderMinutes` before each planned timed event. Each event start is announced once.
 */
export function useReminders(checkEveryMs = 15_000) {
  const content = useContentStore()
  const plan = usePlanStore()
  const prefs = usePreferencesStore()
  const notices = useNoticesStore()
  const announced = new Set<string>()

  function check() {
    const events = plan.ids.flatMap((id) => content.eventById.get(id) ?? [])
    const now = Date.now()
    const due = dueReminders(events, now, prefs.reminderMinutes).filter((e) => !announced.has(`${e.id}@${e.start}`))
    if (!due.length) return
    const locale = i18n.global.locale.value as Locale
    const first = due[0]!
    const start = toInstant(first.start)
    const id = notices.push('plan.reminder', {
      minutes: Math.max(1, Math.ceil((start - now) / MINUTE)),
      time: formatClock(start, QINGDAO_TZ, locale),
      title: new Intl.ListFormat(locale, { type: 'conjunction' }).format(due.map((e) => e.title[locale])),
    })
    // A reminder notice already on screen: try again at the next check instead of losing this one.
    if (id >= 0) for (const e of due) announced.add(`${e.id}@${e.start}`)
  }

  const timer = setInterval(check, checkEveryMs)
  watch(() => [content.events, plan.ids, prefs.reminderMinutes], check, { immediate: true })
  if (getCurrentScope()) onScopeDispose(() => clearInterval(timer))
  return { check }
}

/** Start reminders for the app's lifetime, outside any component (called once the router is ready). */
export function startReminders(): void {
  if (!getActivePinia()) return
  effectScope(true).run(() => useReminders())
}
