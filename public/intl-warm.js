// A dedicated worker that public/lang.js starts after the home page's first frame (elsewhere, with the app).
// The first Intl date or number format in a page loads the ICU data it needs, 30–100 ms of one task on a slow
// device; ICU's data is shared by the whole renderer process, so loading it here, on this thread, keeps that
// task off the main thread, and the app's own first format (src/main.ts) then costs a few ms. Answers once it
// is done; lang.js then ends it.
onmessage = function (e) {
  var locale = e.data
  try {
    new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' }).format(0)
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(0)
    new Intl.NumberFormat(locale).format(1)
  } catch (err) {
    // nothing to warm: the app formats as it would without this
  }
  postMessage(0)
}
