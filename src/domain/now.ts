// "What can I do now?" for Home: whether a programme is running, and the places worth a visit now.
import type { GeoLocation, ServicePoint, Venue } from '../content/schema'
import { distanceM, type LatLon } from './geo'
import { hoursStatus, isOpen, type HoursStatus } from './hours'
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

export type SightRow = { venue: Venue; status: HoursStatus; distance: number | null }

/** Sights and parks whose published hours say they are open now: nearest first with a position. */
export function openSights(venues: readonly Venue[], from: LatLon | null, now: number, limit = 3): SightRow[] {
  return venues
    .filter((v) => v.category === 'sight' || v.category === 'park')
    .map((venue) => ({
      venue,
      status: hoursStatus(venue.hoursTimeline, now),
      distance: from && venue.location ? distanceM(from, venue.location) : null,
    }))
    .filter((r) => isOpen(r.status))
    .sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity))
    .slice(0, limit)
}
