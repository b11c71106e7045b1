import { describe, expect, it } from 'vitest'
import { defaultCurrency } from '../../src/domain/region-currency'
import { CONVERTER_CURRENCIES } from '../../src/content/schema'

const pick = (langs: string[], zone: string | null = null) => defaultCurrency(langs, zone, CONVERTER_CURRENCIES)

describe('defaultCurrency', () => {
  it('follows the region of the language tag', () => {
    expect(pick(['ru-KZ'])).toBe('KZT')
    expect(pick(['en-IN'])).toBe('INR')
    expect(pick(['en-PK'])).toBe('PKR')
    expect(pick(['ru-RU'])).toBe('RUB')
    expect(pick(['zh-Hans-CN', 'en-US'])).toBe('USD')
  })
  it('follows a country-specific language', () => {
    expect(pick(['kk'])).toBe('KZT')
    expect(pick(['uz-Latn'])).toBe('UZS')
    expect(pick(['ky'])).toBe('KGS')
    expect(pick(['tg'])).toBe('TJS')
    expect(pick(['hi'])).toBe('INR')
    expect(pick(['ur'])).toBe('PKR')
    expect(pick(['be'])).toBe('BYN')
  })
  it('plain Russian lets a later region or the zone decide, else RUB', () => {
    expect(pick(['ru', 'kk-KZ'])).toBe('KZT')
    expect(pick(['ru'], 'Asia/Almaty')).toBe('KZT')
    expect(pick(['ru'], 'Asia/Shanghai')).toBe('RUB')
  })
  it('falls back to the zone, then USD', () => {
    expect(pick(['en'], 'Asia/Tashkent')).toBe('UZS')
    expect(pick(['en'], 'Asia/Bishkek')).toBe('KGS')
    expect(pick(['en'], 'Asia/Dushanbe')).toBe('TJS')
    expect(pick(['en'], 'Asia/Karachi')).toBe('PKR')
    expect(pick(['en'], 'Asia/Kolkata')).toBe('INR')
    expect(pick(['en'], 'Europe/Minsk')).toBe('BYN')
    expect(pick(['en'], 'Europe/Moscow')).toBe('RUB')
    expect(pick(['en'], 'Europe/London')).toBe('USD')
    expect(pick([], null)).toBe('USD')
  })
  it('never returns a currency the converter does not offer', () => {
    expect(defaultCurrency(['ru-KZ'], null, ['USD', 'EUR'])).toBe('USD')
    expect(pick(['ja-JP'])).toBe('USD')
  })
})
