import { describe, expect, it } from 'vitest'
import { isProxy } from 'vue'
import { i18n, loadLocaleMessages } from '../../src/i18n'

// A translation reads the messages of its language; read through vue-i18n's deep ref they would be reactive
// proxies, each part tracked on every read, which made translating several times slower (start-up, search).
describe('locale messages', () => {
  it('are stored raw, and a switch of language still translates', async () => {
    await loadLocaleMessages('en')
    await loadLocaleMessages('ru')
    expect(isProxy(i18n.global.getLocaleMessage('en'))).toBe(false)
    expect(isProxy(i18n.global.getLocaleMessage('ru').search)).toBe(false)
    expect(i18n.global.t('search.label', {}, { locale: 'en' })).not.toBe(i18n.global.t('search.label', {}, { locale: 'ru' }))
  })
})
