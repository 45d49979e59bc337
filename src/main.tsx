import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerAppWorker } from './offline/service-worker';
import { App } from './ui/App';
import './ui/styles.css';

registerAppWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
