// Runs before the first paint: a classic, parser-blocking script right after the home page rendered at build
// time (src/prerender.ts: one inert <template> per language; the CSP allows no inline script). It picks the
// language with the same rules as the app (src/stores/preferences.ts, detectLocale in src/domain/lang.ts;
// tests/unit/lang-script.spec.ts keeps them equal): ?lang= from the language form, else the saved choice, else
// the browser's first language (zh* → zh, ru* → ru, else en). It sets <html lang>, moves that language's page
// into #app on the home page only (src/main.ts hydrates it) and drops the templates. Until the app takes over,
// the language select submits its form (a GET to ?lang=…); once hydrated the app cancels that submit and changes the language itself.
// Then it starts the app: the build moved the entry module, its preloads and the content preload onto this
// script's data-* attributes (build/prerender.ts). With the home page to paint they are added after its first
// frame, so a slow phone paints before it parses and runs the app (offline, module scripts that are ready would
// run first); on any other page, at once.
;(function () {
  var me = document.currentScript
  var root = document.documentElement
  var locale = ''
  var asked = /[?&]lang=(zh|ru|en)(&|$)/.exec(location.search)
  if (asked) locale = asked[1]
  try {
    var saved = JSON.parse(localStorage.getItem('qd.prefs') || 'null')
    // Field by field, as the app reads it: a bad setting elsewhere, or a record from a newer version, keeps the language.
    var data = saved && typeof saved.v === 'number' ? saved.data : null
    var chosen = data && (saved.v === 1 ? data.lang : data.locale)
    if (!locale && (chosen === 'zh' || chosen === 'ru' || chosen === 'en')) locale = chosen
    // The theme the visitor chose (src/domain/theme.ts applyTheme does the same once the app runs): no light flash.
    var theme = data && data.theme
    if (theme === 'light' || theme === 'dark') {
      root.setAttribute('data-theme', theme)
      root.style.setProperty('color-scheme', theme)
    }
  } catch (e) {
    // unreadable or corrupt: the app resets it; the device language applies
  }
  if (!locale) {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]
    var first = ''
    for (var i = 0; i < langs.length; i++) {
      if (typeof langs[i] === 'string' && langs[i].trim() !== '') {
        first = langs[i].trim().toLowerCase()
        break
      }
    }
    locale = /^zh($|[-_])/.test(first) ? 'zh' : /^ru($|[-_])/.test(first) ? 'ru' : 'en'
  }
  root.lang = locale === 'zh' ? 'zh-CN' : locale
  // The installed app's name follows the language: the build writes one manifest per language and puts each
  // language's Home Screen title on the iOS title's data-* attributes (build/locale-manifests.ts).
  var manifest = document.querySelector('link[rel=manifest]')
  if (manifest) manifest.setAttribute('href', '/manifest-' + locale + '.webmanifest')
  var title = document.querySelector('meta[name=apple-mobile-web-app-title]')
  if (title && title.getAttribute('data-' + locale)) title.setAttribute('content', title.getAttribute('data-' + locale))
  var app = document.getElementById('app')
  var templates = document.querySelectorAll('template[data-pre-locale]')
  for (var t = 0; t < templates.length; t++) {
    var tpl = templates[t]
    if (app && location.pathname === '/' && tpl.getAttribute('data-pre-locale') === locale && !app.firstChild) {
      app.appendChild(tpl.content)
    }
    tpl.parentNode.removeChild(tpl)
  }
  var select = app && app.querySelector('form[data-lang-form] select')
  if (select) {
    select.addEventListener('change', function () {
      // Once hydrated, the app's submit handler cancels this submit and the app changes the language itself.
      if (select.form.requestSubmit) select.form.requestSubmit()
      else select.form.submit()
    })
  }

  function add(tag, attrs) {
    var el = document.createElement(tag)
    for (var k in attrs) el.setAttribute(k, attrs[k])
    document.head.appendChild(el)
  }
  function boot() {
    var d = me && me.dataset
    if (!d || !d.entry) return
    add('script', { type: 'module', crossorigin: '', src: d.entry })
    if (d.content) add('link', { rel: 'preload', href: d.content, as: 'fetch', crossorigin: 'anonymous' })
    var modules = (d.modules || '').split(' ')
    for (var m = 0; m < modules.length; m++) if (modules[m]) add('link', { rel: 'modulepreload', crossorigin: '', href: modules[m] })
  }
  // A task queued from a frame callback runs once that frame is rendered; hidden pages get no frames.
  if (app && app.firstChild && document.visibilityState === 'visible' && window.requestAnimationFrame) {
    requestAnimationFrame(function () {
      setTimeout(boot, 0)
    })
  } else {
    boot()
  }
})()
