/** Renders a React node into the test page, for component tests in real Chromium. */
import type { ReactNode } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';

export function render(node: ReactNode): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => createRoot(host).render(node));
  return host;
}
