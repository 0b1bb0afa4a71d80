import { useCallback, useEffect, useState } from "react";

/** A list fetched from the server: still loading, failed, or there. */
export type LoadedList<T> =
  { state: "loading" } | { state: "failed" } | { state: "ready"; list: T[] };

/**
 * Fetches a list on mount and whenever `refresh` is called (after a change). `fetchList` must be
 * stable (an action from the store), or it would fetch on every render.
 */
export function useLoadedList<T>(
  fetchList: () => Promise<{ ok: true; value: T[] } | { ok: false }>,
): [LoadedList<T>, () => Promise<void>] {
  const [load, setLoad] = useState<LoadedList<T>>({ state: "loading" });
  const refresh = useCallback(async () => {
    const answer = await fetchList();
    setLoad(answer.ok ? { state: "ready", list: answer.value } : { state: "failed" });
  }, [fetchList]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return [load, refresh];
}
