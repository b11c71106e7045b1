// Filtering and ordering of service points for the list; pure, so the rules are unit-tested.
import type { GeoLocation, ServicePoint } from '../content/schema'
import { hoursStatus, isOpen, statusRank, type HoursStatus } from './hours'
import { distanceM, type LatLon } from './geo'
import { isEmergencyNumber } from './emergency'

export type ServiceRow = { service: ServicePoint; status: HoursStatus; distance: number | null }

export type ServiceQuery = { openNow: boolean; category: string | null; from: LatLon | null }

/**
 * Rows for the list ("Open now" keeps the national emergency numbers, always answered). With a position: nearest first, places with no location after them;
 * without: open, closing soon, closed by next opening, unknown. Ties keep the content's order.
 */
export function serviceRows(
  services: readonly ServicePoint[],
  locate: (s: ServicePoint) => GeoLocation | null,
  query: ServiceQuery,
  now: number,
): ServiceRow[] {
  const rows = services
    .map((service, index) => {
      const status = hoursStatus(service.hoursTimeline, now)
      const at = locate(service)
      const distance = query.from && at ? distanceM(query.from, at) : null
      return { service, status, distance, index }
    })
    .filter((r) => (!query.openNow || isOpen(r.status) || isEmergencyNumber(r.service)) && (query.category === null || (r.service.categories as string[]).includes(query.category)))
  const key = (r: (typeof rows)[number]) => (query.from ? (r.distance ?? Infinity) : statusRank(r.status))
  rows.sort((a, b) => key(a) - key(b) || (query.from ? statusRank(a.status) - statusRank(b.status) : 0) || a.index - b.index)
  return rows.map(({ service, status, distance }) => ({ service, status, distance }))
}
