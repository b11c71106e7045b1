/** A radius in the visitor's language: "800 m", "1,5 км", "1.5公里". */
export function formatRadius(metres: number, locale: string): string {
  return metres >= 1000
    ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres)
}
