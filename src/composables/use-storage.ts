import { ref } from 'vue'

/**
 * Ask the browser not to evict this origin's data (favourites, content, the offline map) when space
 * runs low. Call it after the user invests in local data: starring an event, downloading the map,
 * installing. Chromium decides silently; Firefox may ask. Resolves to whether storage is persistent.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  if (!storage?.persist) return false
  try {
    return (await storage.persisted()) || (await storage.persist())
  } catch {
    return false
  }
}

/** Bytes in the largest decimal unit that keeps the number ≥ 1, formatted for the UI language. */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, div] = bytes >= 1e9 ? ['gigabyte', 1e9] as const : bytes >= 1e6 ? ['megabyte', 1e6] as const : ['kilobyte', 1e3] as const
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / div)
}

/** navigator.storage.estimate() and persisted() for the Info page. */
export function useStorageEstimate() {
  const usage = ref<number | null>(null)
  const quota = ref<number | null>(null)
  const persisted = ref<boolean | null>(null)

  async function refresh(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
    if (!storage?.estimate) return
    try {
      const e = await storage.estimate()
      usage.value = e.usage ?? null
      quota.value = e.quota ?? null
      persisted.value = storage.persisted ? await storage.persisted() : null
    } catch {
      usage.value = null
    }
  }

  async function persist(): Promise<void> {
    persisted.value = await requestPersistentStorage()
    await refresh()
  }

  return { usage, quota, persisted, refresh, persist }
}
