import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import type { Content } from '../content/schema'
import { diffEvents, isEmptyDiff, snapshotEvent, type EventSnapshot, type EventsDiff } from '../domain/content-diff'
import { loadPersisted, savePersisted } from './persisted'
import { useContentStore } from './content'

export const SEEN_KEY = 'qd.seen'
export const SEEN_VERSION = 1

/** The programme as this visitor last saw it: enough to tell what was added, moved or cancelled since. */
export type Seen = { hash: string; events: EventSnapshot[] }

const isText = (x: unknown): x is string => typeof x === 'string'

function checkSnapshot(x: unknown): EventSnapshot | null {
  if (!x || typeof x !== 'object') return null
  const e = x as Record<string, unknown>
  const t = e.title as Record<string, unknown> | null
  if (!isText(e.id) || !isText(e.start) || !isText(e.end) || typeof e.allDay !== 'boolean') return null
  if (!(e.venueId === null || isText(e.venueId)) || !t || typeof t !== 'object' || !isText(t.zh) || !isText(t.ru) || !isText(t.en)) return null
  return snapshotEvent(e as EventSnapshot)
}

export function checkSeen(data: unknown): Seen | null {
  if (!data || typeof data !== 'object') return null
  const { hash, events } = data as Record<string, unknown>
  if (!isText(hash) || !Array.isArray(events)) return null
  const checked = events.map(checkSnapshot)
  return checked.every((e): e is EventSnapshot => e !== null) ? { hash, events: checked } : null
}

/** Content published before hashes existed still has a version. */
const hashOf = (c: Content) => c.meta.hash ?? `v${c.meta.version}`

/**
 * "Schedule changes" since the visitor's last content. The first content ever seen is only recorded;
 * after an update with a different hash the changes stay listed (across reloads) until dismissed.
 */
export const useChangesStore = defineStore('changes', () => {
  const content = useContentStore()
  // A corrupt record only costs one list of changes: start again from the current content, no notice.
  let seen = loadPersisted(SEEN_KEY, checkSeen, SEEN_VERSION).value
  const pending = shallowRef<EventsDiff | null>(null)
  let current: Seen | null = null

  function remember(next: Seen) {
    seen = next
    savePersisted(SEEN_KEY, SEEN_VERSION, next)
  }

  watch(
    () => content.content,
    (c) => {
      if (!c) return
      current = { hash: hashOf(c), events: c.events.map(snapshotEvent) }
      if (!seen) return remember(current)
      if (seen.hash === current.hash) {
        pending.value = null
        return
      }
      const diff = diffEvents(seen.events, current.events)
      if (isEmptyDiff(diff)) {
        pending.value = null
        remember(current)
      } else {
        pending.value = diff
      }
    },
    { immediate: true },
  )

  function dismiss() {
    if (current) remember(current)
    pending.value = null
  }

  const count = computed(() => (pending.value ? pending.value.added.length + pending.value.moved.length + pending.value.cancelled.length : 0))

  return { changes: pending, count, dismiss }
})
