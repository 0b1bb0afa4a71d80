import { useCallback, useEffect, useState } from "react";

/** A list fetched from the server: still loading, failed, or there. */
export type LoadedList<T> =
  { state: "loading" } | { state: "failed" } | { state: "ready"; list: T[] };

/**
 * A list fetched from the server on mount, which the user changes: `change(action)` runs one change
 * at a time (`busy` meanwhile; false when another one is running) and fetches the list again after
 * it. `fetchList` must be stable (an action from the store), or it would fetch on every render.
 */
export function useLoadedList<T>(
  fetchList: () => Promise<{ ok: true; value: T[] } | { ok: false }>,
): {
  load: LoadedList<T>;
  busy: boolean;
  change: (action: () => Promise<void>) => Promise<boolean>;
} {
  const [load, setLoad] = useState<LoadedList<T>>({ state: "loading" });
  const [busy, setBusy] = useState(false);
  const refresh = useCallback(async () => {
    const answer = await fetchList();
    setLoad(answer.ok ? { state: "ready", list: answer.value } : { state: "failed" });
  }, [fetchList]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  async function change(action: () => Promise<void>): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    await action();
    await refresh();
    setBusy(false);
    return true;
  }
  return { load, busy, change };
}
