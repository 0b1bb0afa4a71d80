import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { DuplexActions, DuplexState, DuplexStore } from "./state.js";

const StoreContext = createContext<DuplexStore | null>(null);

/** Hands the store to the tree; tests pass one built on a scripted client. */
export function StoreProvider({ store, children }: { store: DuplexStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for effects that subscribe to changes rather than render them. */
export function useStoreApi(): DuplexStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useDuplex must be used inside <StoreProvider>");
  return store;
}

/**
 * Reads the store with a selector. Select primitives or stable references; pick several values with
 * `useShallow`, since a selector returning a fresh object on each call re-renders forever (zustand v5).
 */
export function useDuplex<T>(selector: (state: DuplexState) => T): T {
  return useStore(useStoreApi(), selector);
}

export function useActions(): DuplexActions {
  return useStore(useStoreApi(), selectActions);
}

const selectActions = (state: DuplexState) => state.actions;
