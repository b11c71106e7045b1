import { defineStore } from 'pinia'
import { ref } from 'vue'

/** A message key from the locales plus its parameters: notices are translated when shown, so they follow a language switch. */
export type Notice = { id: number; key: string; params?: Record<string, string | number>; tone?: 'info' | 'warning' }

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let next = 1
  /**
   * One notice per key. A second push of a key whose notice carries a numeric `count` adds to it (the plan and
   * the settings each dropping items read as one total); otherwise the notice already shown stays as it is.
   */
  function push(key: string, params?: Notice['params'], tone: Notice['tone'] = 'info'): number {
    const shown = notices.value.find((n) => n.key === key)
    if (shown) {
      const [had, add] = [shown.params?.count, params?.count]
      if (typeof had === 'number' && typeof add === 'number') shown.params = { ...shown.params, count: had + add }
      return -1
    }
    const id = next++
    notices.value.push({ id, key, params, tone })
    return id
  }
  function dismiss(id: number) {
    notices.value = notices.value.filter((n) => n.id !== id)
  }
  return { notices, push, dismiss }
})
