// Runs before the first paint: a classic, parser-blocking script right after the home page prerendered into
// index.html at build time (src/prerender.ts: one inert <template> per language; the CSP allows no inline
// script). It picks the language with the same rules as the app (src/stores/preferences.ts and detectLocale
// in src/domain/lang.ts; tests/unit/lang-script.spec.ts keeps them equal): the saved choice, else the
// browser's first language (zh* → zh, ru* → ru, else en). It sets <html lang>, copies that language's home
// page into #app on the home page only, and drops the templates. data-pre on <html> tells main.ts which
// language is showing ("off": none); main.ts renders the app behind that page and swaps it in.
// It then starts the app: the build moved the entry module, its preloads and the content preload onto this
// script's data-* attributes (vite.config.ts, takeBootTags). With the home page on screen they are added once
// the browser reports the first contentful paint (where it cannot, after the first frame), so on a slow link
// they do not compete with the CSS and this script for the bandwidth and CPU the first paint needs; on any
// other page (nothing to paint yet) at once.
;(function () {
  var me = document.currentScript || document.querySelector('script[data-entry]')
  var root = document.documentElement
  var locale = ''
  try {
    var saved = JSON.parse(localStorage.getItem('qd.prefs') || 'null')
    // Field by field, as the app reads it: a bad setting elsewhere, or a record from a newer version, keeps the language.
    var data = saved && typeof saved.v === 'number' ? saved.data : null
    var chosen = data && (saved.v === 1 ? data.lang : data.locale)
    if (chosen === 'zh' || chosen === 'ru' || chosen === 'en') locale = chosen
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
  var app = document.getElementById('app')
  var templates = document.querySelectorAll('template[data-pre-locale]')
  var shown = 'off'
  for (var t = 0; t < templates.length; t++) {
    var tpl = templates[t]
    if (app && location.pathname === '/' && tpl.getAttribute('data-pre-locale') === locale && !app.firstChild) {
      app.appendChild(tpl.content.cloneNode(true))
      shown = locale
    }
    tpl.parentNode.removeChild(tpl)
  }
  root.setAttribute('data-pre', shown)
  if (window.performance && performance.mark) performance.mark('qd:pre-shown')

  // Loads the ICU data for this language's dates and numbers on another thread (public/intl-warm.js says why):
  // after the first frame on the home page (not while the first paint needs the CPU), else as the app starts.
  // main.ts waits for qdIntlWarm (at most INTL_WAIT_MS) before its first format. No worker: it resolves at once.
  function warmIntl() {
    if (window.qdIntlWarm) return
    var warmed = null
    try {
      var worker = new Worker('/intl-warm.js')
      warmed = new Promise(function (resolve) {
        worker.onmessage = worker.onerror = function () {
          worker.terminate()
          resolve()
        }
      })
      worker.postMessage(locale)
    } catch (e) {
      // no Worker (or refused): the app's first format loads the data itself
    }
    window.qdIntlWarm = warmed || Promise.resolve()
  }
  var booted = false
  function add(tag, attrs) {
    var el = document.createElement(tag)
    for (var k in attrs) el.setAttribute(k, attrs[k])
    document.head.appendChild(el)
  }
  function boot() {
    var d = me && me.dataset
    if (booted || !d || !d.entry) return
    booted = true
    warmIntl()
    add('script', { type: 'module', crossorigin: '', src: d.entry })
    if (d.content) add('link', { rel: 'preload', href: d.content, as: 'fetch', crossorigin: 'anonymous' })
    // The entry's imports, before the entry itself asks for them: one per task, as each link added starts its
    // request there and then (a few ms each on a slow phone; ten in one task made a long one).
    var modules = (d.modules || '').split(' ')
    var next = 0
    function preloadNext() {
      while (next < modules.length && !modules[next]) next++
      if (next >= modules.length) return
      add('link', { rel: 'modulepreload', crossorigin: '', href: modules[next++] })
      setTimeout(preloadNext, 0)
    }
    setTimeout(preloadNext, 0)
  }
  var paintObserved = false
  try {
    paintObserved = PerformanceObserver.supportedEntryTypes.indexOf('paint') >= 0
  } catch (e) {
    // no PerformanceObserver: the frame callback below
  }
  if (shown === 'off' || document.visibilityState !== 'visible' || typeof requestAnimationFrame !== 'function') {
    boot()
    return
  }
  requestAnimationFrame(function () {
    setTimeout(warmIntl, 0)
  })
  if (paintObserved) {
    // Once the browser reports the first contentful paint: the page is on screen (a frame callback runs
    // before its frame is even drawn). The timer is a backstop for a paint that is never reported.
    new PerformanceObserver(function (list, observer) {
      if (!list.getEntriesByName('first-contentful-paint').length) return
      observer.disconnect()
      setTimeout(boot, 0)
    }).observe({ type: 'paint', buffered: true })
    setTimeout(boot, 1000)
  } else {
    // A task queued from the frame callback runs after that frame is painted. The timer is a backstop for a
    // frame that never comes.
    requestAnimationFrame(function () {
      setTimeout(boot, 0)
    })
    setTimeout(boot, 300)
  }
})()
