import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Content, ScheduleEvent, ServicePoint, Venue } from '../content/schema'
import { toInstant } from '../domain/time'

export const CONTENT_URL = `${import.meta.env.BASE_URL}data/content.json`

export type ContentState = 'idle' | 'loading' | 'ready' | 'error'

export const useContentStore = defineStore('content', () => {
  const content = shallowRef<Content | null>(null)
  const state = ref<ContentState>('idle')
  const errors = ref<string[]>([])

  /** Validate and, if valid, replace the content; an invalid update leaves the last good copy in place. */
  async function accept(raw: unknown): Promise<boolean> {
    // The validator loads beside the first fetch, not in the entry: it is the biggest part of the store.
    const { validateContent } = await import('../content/schema')
    const result = validateContent(raw)
    if (!result.ok) {
      errors.value = result.errors
      return false
    }
    content.value = result.content
    errors.value = []
    state.value = 'ready'
    return true
  }

  async function load(): Promise<void> {
    if (state.value === 'loading') return
    state.value = content.value ? 'ready' : 'loading'
    try {
      void import('../content/schema')
      const res = await fetch(CONTENT_URL)
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      if (!(await accept(await res.json())) && !content.value) state.value = 'error'
    } catch (e) {
      errors.value = [String((e as Error).message)]
      if (!content.value) state.value = 'error'
    }
  }

  const venues = computed<Venue[]>(() => content.value?.venues ?? [])
  const services = computed<ServicePoint[]>(() => content.value?.services ?? [])
  /** Events in chronological order. */
  const events = computed<ScheduleEvent[]>(() =>
    [...(content.value?.events ?? [])].sort((a, b) => toInstant(a.start) - toInstant(b.start) || a.id.localeCompare(b.id)),
  )
  const venueById = computed(() => new Map(venues.value.map((x) => [x.id, x])))
  const eventById = computed(() => new Map(events.value.map((x) => [x.id, x])))
  const serviceById = computed(() => new Map(services.value.map((x) => [x.id, x])))
  const meta = computed(() => content.value?.meta ?? null)

  return { content, state, errors, load, accept, venues, services, events, venueById, eventById, serviceById, meta }
})
