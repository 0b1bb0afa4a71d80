import { Suspense, lazy } from "react";

// Its own chunk, fetched when the inspector renders it: neither the app's first chunk nor the
// inspector's grows by the comparison's code, strings and schemas.
const CompareSection = lazy(() =>
  import("./CompareSection.js").then((m) => ({ default: m.CompareSection })),
);

/** The "Why WebSocket" comparison, loaded on demand. */
export function LazyCompareSection() {
  return (
    <Suspense fallback={null}>
      <CompareSection />
    </Suspense>
  );
}
