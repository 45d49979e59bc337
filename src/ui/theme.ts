/** Light, dark or the OS's choice: stored per browser and applied as a data attribute on <html>. */
export type Theme = 'system' | 'light' | 'dark';

const THEME_KEY = 'offline-rag-lab:theme';

export function readTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') {
    delete document.documentElement.dataset.theme;
    globalThis.localStorage?.removeItem(THEME_KEY);
  } else {
    document.documentElement.dataset.theme = theme;
    globalThis.localStorage?.setItem(THEME_KEY, theme);
  }
}
