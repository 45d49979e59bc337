/**
 * Registers the service worker of the built app and tells the page when an update is waiting. An
 * update is applied only when the user asks (never mid-task): the waiting worker is told to take
 * over, and the page reloads once it has.
 */
import type { Workbox } from 'workbox-window';

export interface AppWorkerState {
  /** False in development and in browsers without service workers. */
  supported: boolean;
  /** The page is served by the service worker (it works offline). */
  controlled: boolean;
  updateWaiting: boolean;
  error: string | null;
}

type Listener = (state: AppWorkerState) => void;

let state: AppWorkerState = {
  supported: false,
  controlled: typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller,
  updateWaiting: false,
  error: null,
};
const listeners = new Set<Listener>();
let workbox: Workbox | null = null;

function set(patch: Partial<AppWorkerState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l(state));
}

export function appWorkerState(): AppWorkerState {
  return state;
}

export function onAppWorkerState(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called once at start. Only built apps have a service worker (`vite dev` serves changing files). */
export async function registerAppWorker(): Promise<void> {
  if (workbox || !import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  set({ supported: true });
  // Loaded after the first paint: registering can wait, the page's first bundle stays small.
  const { Workbox } = await import('workbox-window');
  if (workbox) return;
  workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  workbox.addEventListener('waiting', () => set({ updateWaiting: true }));
  workbox.addEventListener('controlling', () => set({ controlled: true }));
  workbox.addEventListener('activated', () => set({ controlled: !!navigator.serviceWorker.controller }));
  workbox.register().then(
    () => set({ controlled: !!navigator.serviceWorker.controller }),
    (error: Error) => set({ error: `Offline use is unavailable: the service worker could not be installed (${error.message}).` }),
  );
}

/** The user chose to update: the new version takes over and the page reloads once it has. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}
