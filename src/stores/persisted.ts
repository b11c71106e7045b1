// Versioned localStorage records. Corrupt or unknown data is dropped (and reported) instead of crashing.
// The checks are plain guards, not the content schema library: this runs in the entry chunk, and
// pulling the validator in here would move all of it onto the first route (+25 KB gzip).

type Envelope = { v: number; data: unknown }

export type Loaded<T> = { value: T | null; recovered: boolean }

export function loadPersisted<T>(
  key: string,
  /** Returns the value when `data` has the right shape, otherwise null. */
  check: (data: unknown) => T | null,
  version: number,
  migrate: (fromVersion: number, data: unknown) => unknown = (_from, data) => data,
): Loaded<T> {
  let raw: string | null
  try {
    raw = localStorage.getItem(key)
  } catch {
    return { value: null, recovered: false }
  }
  if (raw === null) return { value: null, recovered: false }
  try {
    const env = JSON.parse(raw) as Partial<Envelope> | null
    if (!env || typeof env !== 'object' || typeof env.v !== 'number' || env.v > version) throw new Error('bad envelope')
    const data = env.v < version ? migrate(env.v, env.data) : env.data
    const value = check(data)
    if (value === null) throw new Error('bad data')
    if (env.v < version) savePersisted(key, version, value)
    return { value, recovered: false }
  } catch {
    try {
      localStorage.removeItem(key)
    } catch {
      // storage unavailable: nothing to clean up
    }
    return { value: null, recovered: true }
  }
}

export function savePersisted(key: string, version: number, data: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify({ v: version, data } satisfies Envelope))
    return true
  } catch {
    return false
  }
}
