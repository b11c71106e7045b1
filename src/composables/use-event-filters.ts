import { computed, reactive } from 'vue'
import type { ScheduleEvent, Venue } from '../content/schema'
import { groupByDay } from '../domain/schedule'
import { matches, parseQuery, searchDoc, type SearchDoc } from '../domain/search'

export type EventIndex = {
  /** Search documents, in the order of the indexed events. */
  docs: SearchDoc[]
  byDay: Map<string, ScheduleEvent[]>
  /** Programme days in order (Qingdao dates). */
  days: string[]
}

// Built once per content version: every keystroke then only runs `includes` over prepared strings.
const cache = new WeakMap<readonly ScheduleEvent[], EventIndex>()

export function eventIndex(events: readonly ScheduleEvent[], venueById: ReadonlyMap<string, Venue>): EventIndex {
  let index = cache.get(events)
  if (!index) {
    const docs: SearchDoc[] = []
    for (const e of events) {
      const venue = e.venueId ? venueById.get(e.venueId) : undefined
      docs.push(searchDoc([
        e.title.zh, e.title.ru, e.title.en, e.pinyin,
        venue?.name.zh, venue?.name.ru, venue?.name.en, venue?.pinyin,
        e.venueNote?.zh, e.venueNote?.ru, e.venueNote?.en,
        e.organiser?.zh, e.organiser?.ru, e.organiser?.en,
      ]))
    }
    const byDay = groupByDay(events)
    index = { docs, byDay, days: [...byDay.keys()] }
    cache.set(events, index)
  }
  return index
}

/**
 * The programme's filters live for the whole visit (not per page instance), so coming back from an
 * event keeps the day, the category and the search the visitor had.
 */
const state = reactive({
  /** null: all days. */
  day: null as string | null,
  category: '' as string,
  venue: '' as string,
  query: '',
  /** Set once the opening day has been chosen; later visits keep the visitor's choice. */
  started: false,
  /** The day chosen before a search widened to all days; restored when the search is cleared. */
  dayBeforeSearch: null as string | null,
})

export function useEventFilters() {
  const query = computed(() => parseQuery(state.query))
  const active = computed(() => state.category !== '' || state.venue !== '' || query.value !== null)
  function filter(events: readonly ScheduleEvent[], index: EventIndex): ScheduleEvent[] {
    // Read the reactive state once, not once per event: each read of `state` is tracked.
    const q = query.value
    const { category, venue } = state
    // `events` is the array the index was built from: documents line up by position.
    return events.filter((e, i) =>
      (category === '' || e.category === category)
      && (venue === '' || e.venueId === venue)
      && matches(index.docs[i] ?? '', q))
  }
  function clear() {
    state.category = ''
    state.venue = ''
    state.query = ''
  }
  return { state, query, active, filter, clear }
}
