import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerAppWorker } from './offline/service-worker';
import { App } from './ui/App';
import { applyTheme, readTheme } from './ui/theme';
import './ui/styles.css';

// Before the first paint, so a dark-mode visitor never sees a white flash.
applyTheme(readTheme());
void registerAppWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
