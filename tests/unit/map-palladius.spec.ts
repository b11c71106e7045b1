import { describe, expect, it } from 'vitest'
import { syllableToPalladius, toPalladius } from '../../scripts/palladius.mjs'

describe('pinyin → Palladius', () => {
  it('writes Qingdao place names as Russian maps do', () => {
    expect(toPalladius(['qing', 'dao'])).toBe('Циндао')
    expect(toPalladius(['jiao', 'zhou'])).toBe('Цзяочжоу')
    expect(toPalladius(['lao', 'shan'])).toBe('Лаошань')
    expect(toPalladius(['huang', 'dao'])).toBe('Хуандао')
    expect(toPalladius(['cheng', 'yang'])).toBe('Чэнъян')
    expect(toPalladius(['ji', 'mo'])).toBe('Цзимо')
    expect(toPalladius(['li', 'cang'])).toBe('Лицан')
    expect(toPalladius(['shi', 'nan'])).toBe('Шинань')
    expect(toPalladius(['shi', 'bei'])).toBe('Шибэй')
    expect(toPalladius(['wu', 'si', 'guang', 'chang'])).toBe('Усыгуанчан')
  })

  it('covers the special syllables', () => {
    expect(['zhi', 'chi', 'shi', 'ri', 'zi', 'ci', 'si'].map(syllableToPalladius)).toEqual(['чжи', 'чи', 'ши', 'жи', 'цзы', 'цы', 'сы'])
    expect(['ju', 'que', 'xuan', 'jun', 'lü', 'nv', 'yu', 'yue'].map(syllableToPalladius)).toEqual(['цзюй', 'цюэ', 'сюань', 'цзюнь', 'люй', 'нюй', 'юй', 'юэ'])
    expect(['liu', 'jie', 'bian', 'xiong', 'guo', 'dui', 'wei', 'you', 'er'].map(syllableToPalladius)).toEqual(['лю', 'цзе', 'бянь', 'сюн', 'го', 'дуй', 'вэй', 'ю', 'эр'])
    expect(['qīng', 'dǎo3', 'Běi'].map(syllableToPalladius)).toEqual(['цин', 'дао', 'бэй'])
  })

  it('keeps what is not pinyin and separates н from a following vowel', () => {
    expect(syllableToPalladius('xyz')).toBeNull()
    expect(toPalladius(['chang', 'an'])).toBe('Чанъань')
    expect(toPalladius(['xi', 'an'])).toBe('Сиань')
    expect(toPalladius(['3', 'hao', 'xian'])).toBe('3хаосянь')
  })
})
