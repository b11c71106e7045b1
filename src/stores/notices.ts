import { defineStore } from 'pinia'
import { ref } from 'vue'

/** A message key from the locales plus its parameters: notices are translated when shown, so they follow a language switch. */
export type Notice = { id: number; key: string; params?: Record<string, string | number>; tone?: 'info' | 'warning' }

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let next = 1
  function push(key: string, params?: Notice['params'], tone: Notice['tone'] = 'info'): number {
    if (notices.value.some((n) => n.key === key)) return -1
    const id = next++
    notices.value.push({ id, key, params, tone })
    return id
  }
  function dismiss(id: number) {
    notices.value = notices.value.filter((n) => n.id !== id)
  }
  return { notices, push, dismiss }
})
