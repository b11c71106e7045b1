// "What can I do now?" for Home: whether a programme is running, and the places worth a visit now.
import type { GeoLocation, ServicePoint } from '../content/schema'
import type { LatLon } from './geo'
import { isOpen } from './hours'
import { serviceRows, type ServiceRow } from './services'
import { eventStatus } from './status'

type Timing = { allDay: boolean; start: string; end: string }

/** A programme is published while anything is on now or ahead; otherwise Home is between programmes. */
export function hasProgramme(events: readonly Timing[], now: number): boolean {
  return events.some((e) => eventStatus(e, now) !== 'past')
}

/** Places a visitor walks to (not phone lines, hospitals or offices). */
export const NOW_CATEGORIES = ['fx', 'sim', 'atm', 'payment-help', 'tourist-info'] as const

export type NowPlaces = { rows: ServiceRow[]; openCount: number; total: number }

/**
 * Up to `limit` places with a location: nearest first when the position is known, otherwise open
 * first, then by next opening, unknown hours last (the services list's order).
 */
export function nowPlaces(
  services: readonly ServicePoint[],
  locate: (s: ServicePoint) => GeoLocation | null,
  from: LatLon | null,
  now: number,
  limit = 4,
): NowPlaces {
  const walkable = services.filter((s) => locate(s) !== null && s.categories.some((c) => (NOW_CATEGORIES as readonly string[]).includes(c)))
  const rows = serviceRows(walkable, locate, { openNow: false, category: null, from }, now)
  return { rows: rows.slice(0, limit), openCount: rows.filter((r) => isOpen(r.status)).length, total: rows.length }
}

/** Services at a venue (e.g. the airport's exchange desk and ATMs), open ones first. */
export function placesAt(services: readonly ServicePoint[], venueId: string, now: number): ServiceRow[] {
  return serviceRows(services.filter((s) => s.venueId === venueId && !s.categories.includes('transport')), () => null, { openNow: false, category: null, from: null }, now)
}
