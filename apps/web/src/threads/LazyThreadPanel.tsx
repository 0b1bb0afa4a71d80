import { lazy, Suspense } from "react";
import { useDuplex } from "../store/storeContext.js";

// The panel loads in its own chunk, when a thread is first opened (the first chunk's budget).
const Panel = lazy(() => import("./ThreadPanel.js").then((m) => ({ default: m.ThreadPanel })));

export function LazyThreadPanel() {
  const open = useDuplex((s) => s.threads.view !== undefined);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <Panel />
    </Suspense>
  );
}
