import type { KeyValueStorage } from "@duplex/client";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";
import type { ServerEffect } from "./serverEvent.js";
import { NAME_STORAGE_KEY } from "./sessionSlice.js";
import { expireTypists, nextExpiry } from "./typing.js";
import { computeAccept } from "../inspector/acceptKey.js";
import { requestInspect } from "../inspector/inspectorFeatures.js";
import { readOpen } from "../threads/threadActions.js";

export interface EffectPorts {
  client: ChatClient;
  store: StoreApi<DuplexState>;
  storage: KeyValueStorage | undefined;
  /** Sends a read cursor for the open room's newest message, if it is on screen. */
  readCurrent(): void;
  /** When each room last announced typing (shared with the `notifyTyping` action). */
  lastTypingSent: Map<string, number>;
  /** Feeds a follow-up event back through the reducer (a failed request). */
  dispatchRoomsUnavailable(): void;
}

// A failed request changes nothing the user relies on: each is asked again on the next connect.
const ignore = () => undefined;

/**
 * The one place the reducer's effects touch the outside: the client, timers, storage. Returns the
 * runner the attach layer calls after each `setState`.
 */
export function createServerEffects(
  ports: EffectPorts,
): (effects: readonly ServerEffect[]) => void {
  const { client, store, storage } = ports;
  let sweep: ReturnType<typeof setTimeout> | undefined;

  function scheduleSweep(): void {
    if (sweep !== undefined) clearTimeout(sweep);
    sweep = undefined;
    const due = nextExpiry(store.getState().chat.typing);
    if (due === undefined) return;
    sweep = setTimeout(
      () => {
        sweep = undefined;
        store.setState((s) => ({
          chat: { ...s.chat, typing: expireTypists(s.chat.typing, Date.now()) },
        }));
        scheduleSweep();
      },
      Math.max(0, due - Date.now()),
    );
  }

  function run(effect: ServerEffect): void {
    switch (effect.kind) {
      case "join":
        client.join(effect.room);
        return;
      case "open":
        client.open(effect.room);
        return;
      case "readCurrent":
        ports.readCurrent();
        return;
      case "sweepTyping":
        scheduleSweep();
        return;
      case "typingEnded":
        for (const room of effect.rooms) ports.lastTypingSent.delete(room);
        return;
      case "askRooms":
        client.rooms().catch(() => ports.dispatchRoomsUnavailable());
        return;
      case "subscribeStats":
        client.request({ type: "subscribe", topic: "stats" }).catch(ignore);
        return;
      case "inspect":
        requestInspect(client, true);
        return;
      case "computeAccept": {
        const { handshake } = effect;
        computeAccept(handshake.request.secWebSocketKey ?? "").then((computedAccept) => {
          // Only if no newer handshake replaced this one meanwhile.
          store.setState((s) =>
            s.inspector.handshake === handshake
              ? { inspector: { ...s.inspector, computedAccept } }
              : s,
          );
        }, ignore);
        return;
      }
      case "readThread":
        readOpen(client, effect.view);
        return;
      case "endSession":
        storage?.removeItem(NAME_STORAGE_KEY);
        // Nothing of a banned identity is kept: its queue, rooms and token go.
        if (effect.ended === "banned") client.forget();
        return;
    }
  }

  return (effects) => {
    for (const effect of effects) run(effect);
  };
}
