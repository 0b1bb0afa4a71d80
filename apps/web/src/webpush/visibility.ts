/** The client's side of the `visibility` capability. */
export interface VisibilityTarget {
  setVisibility(visible: boolean): void;
}

/**
 * Tells the server whether this tab is on screen, now and on every change, so it pushes to the
 * user's devices only while none of their tabs is visible (the client re-sends it after a reconnect).
 * Returns a function that stops reporting.
 */
export function reportVisibility(client: VisibilityTarget, doc: Document = document): () => void {
  const report = () => client.setVisibility(doc.visibilityState === "visible");
  report();
  doc.addEventListener("visibilitychange", report);
  return () => doc.removeEventListener("visibilitychange", report);
}
