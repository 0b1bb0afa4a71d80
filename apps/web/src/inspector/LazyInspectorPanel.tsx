import { Suspense, lazy } from "react";
import { useDuplex } from "../store/storeContext.js";

// The inspector is opened by few users, so its code loads on first open (keeps it out of the initial bundle).
const InspectorPanel = lazy(() =>
  import("./InspectorPanel.js").then((m) => ({ default: m.InspectorPanel })),
);

/** The protocol inspector, its code fetched the first time it is opened. */
export function LazyInspectorPanel() {
  const open = useDuplex((s) => s.inspector.open);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <InspectorPanel />
    </Suspense>
  );
}
