// The converter's first currency: the visitor's own, guessed from the device's languages, then its zone.

const BY_REGION: Record<string, string> = {
  KZ: 'KZT', UZ: 'UZS', KG: 'KGS', TJ: 'TJS', PK: 'PKR', IN: 'INR', BY: 'BYN', RU: 'RUB',
  US: 'USD', DE: 'EUR', FR: 'EUR', IT: 'EUR', ES: 'EUR', NL: 'EUR', AT: 'EUR', FI: 'EUR', IE: 'EUR', BE: 'EUR', PT: 'EUR', GR: 'EUR',
}
/** Languages spoken mainly in one country of the converter's list (English and Chinese are not). */
const BY_LANGUAGE: Record<string, string> = { kk: 'KZT', uz: 'UZS', ky: 'KGS', tg: 'TJS', ur: 'PKR', hi: 'INR', be: 'BYN', ru: 'RUB' }
const BY_ZONE: Record<string, string> = {
  'Asia/Almaty': 'KZT', 'Asia/Qostanay': 'KZT', 'Asia/Aqtobe': 'KZT', 'Asia/Aqtau': 'KZT', 'Asia/Atyrau': 'KZT', 'Asia/Oral': 'KZT', 'Asia/Qyzylorda': 'KZT',
  'Asia/Tashkent': 'UZS', 'Asia/Samarkand': 'UZS', 'Asia/Bishkek': 'KGS', 'Asia/Dushanbe': 'TJS',
  'Asia/Karachi': 'PKR', 'Asia/Kolkata': 'INR', 'Asia/Calcutta': 'INR', 'Europe/Minsk': 'BYN', 'Europe/Moscow': 'RUB',
}

/**
 * The first language tag that names a region or a country-specific language decides (ru-KZ → KZT,
 * kk → KZT); plain "ru" counts only after every tag with a region (Kazakh phones often list ru first),
 * then the zone; else USD. Only codes in `allowed` are returned.
 */
export function defaultCurrency(languages: readonly string[], timeZone: string | null, allowed: readonly string[]): string {
  const ok = (c: string | undefined): c is string => c !== undefined && allowed.includes(c)
  const tags = languages.map((l) => l.replace('_', '-').split('-'))
  for (const [lang, ...rest] of tags) {
    const region = rest.find((p) => /^[A-Za-z]{2}$/.test(p))?.toUpperCase()
    const c = region ? BY_REGION[region] : lang && lang.toLowerCase() !== 'ru' ? BY_LANGUAGE[lang.toLowerCase()] : undefined
    if (ok(c)) return c
  }
  const zone = timeZone ? BY_ZONE[timeZone] : undefined
  if (ok(zone)) return zone
  for (const [lang] of tags) if (lang?.toLowerCase() === 'ru' && ok('RUB')) return 'RUB'
  return ok('USD') ? 'USD' : (allowed[0] ?? 'USD')
}
