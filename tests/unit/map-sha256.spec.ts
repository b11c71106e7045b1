import { describe, expect, it } from 'vitest'
import { createHash, randomBytes } from 'node:crypto'
import { Sha256 } from '../../src/map/sha256'

const ref = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe('incremental SHA-256', () => {
  it('matches the standard vectors', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('gives the same digest however the input is cut (every padding boundary)', () => {
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 70_001]) {
      const data = randomBytes(n)
      const h = new Sha256()
      for (let i = 0; i < n; i += 7 + (i % 61)) h.update(data.subarray(i, Math.min(n, i + 7 + (i % 61))))
      expect(h.hex(), `length ${n}`).toBe(ref(data))
    }
  })
})
