/** Mounts the teaching lab, loaded on demand so the page's first bundle stays small. */
import { lazy, Suspense } from 'react';
import type { Lab } from '../lab/lab';

const TeachLab = lazy(() => import('./TeachLab'));

export function TeachMount({ lab }: { lab: Lab }) {
  return (
    <Suspense fallback={<section className="panel" aria-busy="true">Loading the teaching lab…</section>}>
      <TeachLab lab={lab} />
    </Suspense>
  );
}
