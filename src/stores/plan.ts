import { defineStore } from 'pinia'
import { computed, nextTick, ref, watch } from 'vue'
import { mergePlan } from '../domain/plan-share'
import { loadPersisted, savePersisted } from './persisted'
import { useNoticesStore } from './notices'

export const PLAN_KEY = 'qd.plan'
export const PLAN_VERSION = 1

/**
 * Starred event ids, in the order they were starred. Ids are kept even when a content update drops
 * the event: the plan page shows them as "no longer in the programme" rather than losing them silently.
 */
export type PlanData = { ids: string[] }

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Keeps every valid id (a bad one is dropped alone and counted), in order, once each. */
export function checkPlan(data: unknown, drop: () => void = () => {}): PlanData | null {
  if (!data || typeof data !== 'object') return null
  const { ids } = data as Record<string, unknown>
  if (!Array.isArray(ids)) return null
  const kept = new Set<string>()
  for (const x of ids as unknown[]) {
    if (typeof x === 'string' && x.length <= 120 && ID.test(x)) kept.add(x)
    else drop()
  }
  return { ids: [...kept] }
}

export const usePlanStore = defineStore('plan', () => {
  const notices = useNoticesStore()
  const loaded = loadPersisted(PLAN_KEY, checkPlan, PLAN_VERSION)
  if (loaded.recovered) notices.push('plan.reset_notice', undefined, 'warning')
  if (loaded.dropped) notices.push('saved_state.dropped', { count: loaded.dropped }, 'warning')
  /** A newer version of the guide (another tab, or after a rollback) saved the plan: show it, never write it. */
  const readOnly = ref(loaded.newer)
  if (readOnly.value) notices.push('saved_state.newer', undefined, 'warning')
  const ids = ref<string[]>(loaded.value?.ids ?? [])
  const idSet = computed(() => new Set(ids.value))

  const has = (id: string) => idSet.value.has(id)

  function refuse(): boolean {
    if (readOnly.value) notices.push('saved_state.newer', undefined, 'warning')
    return readOnly.value
  }

  function add(id: string) {
    if (has(id) || refuse()) return
    const wasEmpty = ids.value.length === 0
    ids.value = [...ids.value, id]
    // Ask once the plan holds something worth keeping; the browser may evict unpersisted storage.
    if (wasEmpty) void import('../composables/use-storage').then((m) => m.requestPersistentStorage()).catch(() => false)
  }
  function remove(id: string) {
    if (refuse()) return
    ids.value = ids.value.filter((x) => x !== id)
  }
  function toggle(id: string) {
    if (has(id)) remove(id)
    else add(id)
  }
  /** Merge a shared plan: nothing is removed, new ids are appended. Returns the ids that were new. */
  function merge(incoming: readonly string[]): string[] {
    if (refuse()) return []
    const wasEmpty = ids.value.length === 0
    const { ids: next, added } = mergePlan(ids.value, incoming)
    if (added.length) {
      ids.value = next
      if (wasEmpty) void import('../composables/use-storage').then((m) => m.requestPersistentStorage()).catch(() => false)
    }
    return added
  }

  // Set while following another tab: what it wrote is already stored, and writing it back could race it.
  let following = false
  watch(ids, (value) => {
    if (readOnly.value || following) return
    if (!savePersisted(PLAN_KEY, PLAN_VERSION, { ids: value } satisfies PlanData)) notices.push('plan.not_saved', undefined, 'warning')
  })

  // Another tab changed the plan: follow it, so two open tabs never overwrite each other's stars.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key !== PLAN_KEY) return
      const next = loadPersisted(PLAN_KEY, checkPlan, PLAN_VERSION)
      if (next.newer && !readOnly.value) {
        readOnly.value = true
        notices.push('saved_state.newer', undefined, 'warning')
      }
      const nextIds = next.value?.ids ?? (next.newer ? ids.value : [])
      if (nextIds.join(',') === ids.value.join(',')) return
      following = true
      ids.value = nextIds
      void nextTick(() => (following = false))
    })
  }

  return { ids, readOnly, has, add, remove, toggle, merge }
})
