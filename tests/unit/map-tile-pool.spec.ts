import { describe, expect, it } from 'vitest'
import { offscreenTile, poolCapacity, POOL_VIEWS } from '../../src/map/tile-pool'

describe('detailed map tile canvas pool', () => {
  it('keeps POOL_VIEWS views of canvases in the worst alignment of 256 px tiles', () => {
    // 390×844: up to 3 columns and 5 rows of tiles are on screen at once.
    expect(poolCapacity({ x: 390, y: 844 })).toBe(POOL_VIEWS * 3 * 5)
    expect(poolCapacity({ x: 320, y: 568 }, 1)).toBe(3 * 4)
    expect(poolCapacity({ x: 512, y: 512 }, 1)).toBe(3 * 3)
  })

  it('keeps nothing before the map has a size', () => {
    expect(poolCapacity(undefined)).toBe(0)
    expect(poolCapacity({ x: 0, y: 844 })).toBe(0)
    expect(poolCapacity({ x: Number.NaN, y: 844 })).toBe(0)
  })

  it('hands over only a tile of the same zoom that has left the view', () => {
    const tiles = {
      '1:1:15': { current: true, coords: { z: 15 } },
      '0:0:14': { current: false, coords: { z: 14 } },
      '9:9:15': { current: false, coords: { z: 15 } },
    }
    expect(offscreenTile(tiles, 15)).toBe('9:9:15')
    // The other zoom's tiles stay on screen during a zoom until the new level is drawn.
    expect(offscreenTile(tiles, 16)).toBeUndefined()
    expect(offscreenTile({ '1:1:15': { current: true, coords: { z: 15 } } }, 15)).toBeUndefined()
    expect(offscreenTile({}, 15)).toBeUndefined()
  })
})
