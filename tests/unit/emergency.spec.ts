// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { isEmergencyNumber, isPhoneOnly, telHref } from '../../src/domain/emergency'
import { readFileSync } from 'node:fs'
import type { ServicePoint } from '../../src/content/schema'

const services = JSON.parse(readFileSync('src/content/data/services.json', 'utf8')) as ServicePoint[]

describe('emergency numbers', () => {
  it('recognises 110, 119, 120 and 122 in the content and nothing else', () => {
    const ids = services.filter(isEmergencyNumber).map((s) => s.id).sort()
    expect(ids).toEqual(['sp-emergency-ambulance-120', 'sp-emergency-fire-119', 'sp-emergency-police-110', 'sp-emergency-traffic-122'])
  })
  it('a phone line without a place gets no driver card; a desk does', () => {
    expect(isPhoneOnly(services.find((s) => s.id === 'sp-emergency-police-110')!)).toBe(true)
    const desk = services.find((s) => s.id === 'sp-airport-payment')!
    expect(isPhoneOnly(desk)).toBe(false)
  })
  it('builds tel: links from printed numbers', () => {
    expect(telHref('110')).toBe('tel:110')
    expect(telHref('+86-532-8291-2071')).toBe('tel:+8653282912071')
    expect(telHref('0532 8593 7678')).toBe('tel:053285937678')
  })
})
