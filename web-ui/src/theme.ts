// Light and dark: a class on <html>, remembered in localStorage; the system's preference decides the first time.
const THEME_STORAGE = 'robustlab.theme';

export type Theme = 'light' | 'dark';

export function currentTheme(): Theme {
  const stored = localStorage.getItem(THEME_STORAGE);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  localStorage.setItem(THEME_STORAGE, theme);
  document.documentElement.dataset.theme = theme;
}
