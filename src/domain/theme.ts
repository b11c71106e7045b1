// Light, dark or the device's choice. `system` leaves <html> alone, so prefers-color-scheme decides.

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

export const isTheme = (x: unknown): x is Theme => typeof x === 'string' && (THEMES as readonly string[]).includes(x)

/** Sets `data-theme` (read by the stylesheet's variables) and `color-scheme` (form controls, scrollbars). */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  if (theme === 'system') {
    root.removeAttribute('data-theme')
    root.style.removeProperty('color-scheme')
  } else {
    root.setAttribute('data-theme', theme)
    root.style.setProperty('color-scheme', theme)
  }
}
