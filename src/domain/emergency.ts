// National emergency numbers: answered around the clock by definition, free, no location to drive to.

export const EMERGENCY_NUMBERS = ['110', '119', '120', '122'] as const

type Line = { phone: string | null; categories: readonly string[] }
type Place = Line & { location: unknown; address: unknown }

/** One of 110/119/120/122: always answered, so never "hours not known". */
export function isEmergencyNumber(s: Line): boolean {
  return s.phone !== null && s.categories.includes('helpline') && (EMERGENCY_NUMBERS as readonly string[]).includes(s.phone.trim())
}

/** A phone line with nowhere to go: no address card, no "show to driver". */
export function isPhoneOnly(s: Place): boolean {
  return s.phone !== null && s.location === null && s.address === null
}

/** `tel:` link for a number as printed ("0532-8291 2071", "+86-532-…"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`
}
