import { act, render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import {
  createDuplexStore,
  type DuplexStore,
  type DuplexStoreOptions,
} from "../store/createDuplexStore.js";
import { StoreProvider } from "../store/storeContext.js";
import { ScriptedClient } from "./scriptedClient.js";

export interface Rendered extends RenderResult {
  client: ScriptedClient;
  store: DuplexStore;
}

/** Renders `ui` over a fresh store built on a scripted client (and the store's options). */
export function renderWithStore(
  ui: ReactElement,
  client = new ScriptedClient(),
  options: DuplexStoreOptions = {},
): Rendered {
  const store = createDuplexStore(client, options);
  const result = render(<StoreProvider store={store}>{ui}</StoreProvider>);
  return { ...result, client, store };
}

/** Signs in as the given user with the server already answering, as after a successful welcome. */
export function signedIn(rendered: Rendered, name = "Alice", id = "u_alice000000"): void {
  rendered.store.getState().actions.signIn(name);
  rendered.client.welcome({ id, name });
}

/** Renders `ui` over a fresh store and signs in as Alice (`signedIn`'s default user). */
export function renderSignedIn(ui: ReactElement): Rendered {
  const rendered = renderWithStore(ui);
  act(() => signedIn(rendered));
  return rendered;
}
