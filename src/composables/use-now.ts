import { onScopeDispose, ref } from 'vue'

/** The current time, refreshed every `intervalMs`; tests fix it with a fake clock. */
export function useNow(intervalMs = 30_000) {
  const now = ref(Date.now())
  // The build-time prerender renders once, at build time.
  if (import.meta.env.SSR) return now
  const timer = setInterval(() => (now.value = Date.now()), intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
