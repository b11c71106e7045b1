// Applies the saved theme before the first paint (no light flash for a visitor who chose dark).
// Must stay in step with src/domain/theme.ts (applyTheme) and the preferences record (src/stores/preferences.ts).
function qdApplySavedTheme() {
  try {
    var saved = JSON.parse(localStorage.getItem('qd.prefs') || 'null')
    var theme = saved && saved.data && saved.data.theme
    if (theme === 'light' || theme === 'dark') {
      document.documentElement.setAttribute('data-theme', theme)
      document.documentElement.style.setProperty('color-scheme', theme)
    }
  } catch (e) {
    // storage blocked or corrupt: the device's scheme applies; the preferences store reports corrupt data
  }
}
