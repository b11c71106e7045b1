/**
 * The unit tests' stand-in for the content file a build validated: vitest.config.ts defines its SHA-256 as
 * __QD_CONTENT_SHA256__ (src/sw/content-cache.ts, isBuiltContent). Not valid content on purpose: only a copy
 * taken without validation can show it.
 */
export const UNIT_BUILT_CONTENT = '{"meta":{"hash":"unit-built"},"text":"Циндао 青岛"}'
