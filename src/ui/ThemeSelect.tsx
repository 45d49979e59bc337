import { useState } from 'react';
import { applyTheme, readTheme, type Theme } from './theme';

export function ThemeSelect() {
  const [theme, setTheme] = useState<Theme>(readTheme);
  return (
    <label className="theme">
      Colours
      <select
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          applyTheme(next);
          setTheme(next);
        }}
      >
        <option value="system">Follow the system</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
