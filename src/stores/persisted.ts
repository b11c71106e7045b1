// Versioned localStorage records. What can be read is kept; what cannot is dropped (and reported) instead of
// crashing. A record written by a newer build is never removed or overwritten: the newer tab owns it.
// The checks are plain guards, not the content schema library: this runs in the entry chunk, and
// pulling the validator in here would move all of it onto the first route (+25 KB gzip).

type Envelope = { v: number; data: unknown }

export type Loaded<T> = {
  value: T | null
  /** The record could not be read at all and was removed. */
  recovered: boolean
  /** A newer build wrote it: left as it is, and this build must not write the key. `value` is what could be read of it. */
  newer: boolean
  /** Parts (ids, fields) the check had to drop. */
  dropped: number
}

export function loadPersisted<T>(
  key: string,
  /** Returns the value when `data` has the right shape, otherwise null; calls `drop()` for each part it leaves out. */
  check: (data: unknown, drop: () => void) => T | null,
  version: number,
  migrate: (fromVersion: number, data: unknown) => unknown = (_from, data) => data,
): Loaded<T> {
  const none: Loaded<T> = { value: null, recovered: false, newer: false, dropped: 0 }
  let raw: string | null
  try {
    raw = localStorage.getItem(key)
  } catch {
    return none
  }
  if (raw === null) return none
  let dropped = 0
  const drop = () => void dropped++
  let env: Partial<Envelope> | null = null
  try {
    env = JSON.parse(raw) as Partial<Envelope> | null
  } catch {
    // not JSON: removed below
  }
  if (env && typeof env === 'object' && typeof env.v === 'number' && env.v > version) {
    // Best effort: show what this build understands of it, never write it.
    let value: T | null = null
    try {
      value = check(env.data, drop)
    } catch {
      value = null
    }
    return { value, recovered: false, newer: true, dropped: 0 }
  }
  try {
    if (!env || typeof env !== 'object' || typeof env.v !== 'number' || !Number.isFinite(env.v)) throw new Error('bad envelope')
    const data = env.v < version ? migrate(env.v, env.data) : env.data
    const value = check(data, drop)
    if (value === null) throw new Error('bad data')
    // Write back what was kept, so a dropped part is reported once, not at every start.
    if (env.v < version || dropped) savePersisted(key, version, value)
    return { value, recovered: false, newer: false, dropped }
  } catch {
    try {
      localStorage.removeItem(key)
    } catch {
      // storage unavailable: nothing to clean up
    }
    return { value: null, recovered: true, newer: false, dropped: 0 }
  }
}

/** The version of the record stored under `key`, if it has one. */
export function storedVersion(key: string): number | null {
  try {
    const env = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<Envelope> | null
    return env && typeof env === 'object' && typeof env.v === 'number' ? env.v : null
  } catch {
    return null
  }
}

export function savePersisted(key: string, version: number, data: unknown): boolean {
  // Re-checked at each write: a newer tab may have taken the key since this one started.
  const stored = storedVersion(key)
  if (stored !== null && stored > version) return false
  try {
    localStorage.setItem(key, JSON.stringify({ v: version, data } satisfies Envelope))
    return true
  } catch {
    return false
  }
}
