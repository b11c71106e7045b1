import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { convert, parseAmount, roundTo } from '../../src/domain/currency'

const RATES = { RUB: 10.9767, UZS: 1768.52, USD: 0.14315, KGS: null }

describe('converter rounding', () => {
  it('rounds half away from zero on the decimal a person reads', () => {
    expect(roundTo(0.125, 2)).toBe(0.13)
    expect(roundTo(1.005, 2)).toBe(1.01)
    expect(roundTo(2.675, 2)).toBe(2.68)
    expect(roundTo(1.004999, 2)).toBe(1)
    expect(roundTo(-0.125, 2)).toBe(-0.13)
    expect(roundTo(1234.5, 0)).toBe(1235)
    expect(roundTo(0, 2)).toBe(0)
  })

  it('converts through CNY and rounds to the target currency', () => {
    expect(convert(100, 'CNY', 'RUB', RATES)).toBe(1097.67)
    expect(convert(1000, 'RUB', 'CNY', RATES)).toBe(91.1)
    expect(convert(1, 'CNY', 'UZS', RATES)).toBe(1768.52)
    expect(convert(50, 'USD', 'CNY', RATES)).toBe(349.28)
    expect(convert(100, 'USD', 'RUB', RATES)).toBe(7667.97) // 100 ÷ 0.14315 × 10.9767 = 7667.966…
    expect(convert(10, 'CNY', 'CNY', RATES)).toBe(10)
  })

  it('has no answer without a rate', () => {
    expect(convert(100, 'CNY', 'KGS', RATES)).toBeNull()
    expect(convert(100, 'KGS', 'CNY', RATES)).toBeNull()
    expect(convert(Number.NaN, 'CNY', 'RUB', RATES)).toBeNull()
  })

  it('never shows more than two decimals, and the round trip stays within a cent per unit of rounding', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (cents) => {
      const cny = cents / 100
      const rub = convert(cny, 'CNY', 'RUB', RATES)!
      expect(Math.round(rub * 100) / 100).toBe(rub)
      const back = convert(rub, 'RUB', 'CNY', RATES)!
      expect(Math.abs(back - cny)).toBeLessThanOrEqual(0.01)
    }))
  })
})

describe('amount input', () => {
  it.each([
    ['1000', 1000], ['1 000,50', 1000.5], ['1,000.50', 1000.5], ['1,5', 1.5], ['0.01', 0.01], ['1,000', 1000],
  ])('%s → %s', (text, value) => expect(parseAmount(text)).toBe(value))

  it.each(['', 'abc', '-5', '1.2.3', '1e5'])('rejects %j', (text) => expect(parseAmount(text)).toBeNull())
})
