import type { ConnectionState, LastClose, TransportKind } from "@duplex/client";

/** What the UI shows about the link: the client's state plus the latest round-trip time. */
export interface ConnectionSlice {
  status: ConnectionState["status"];
  attempt: number;
  lastClose: LastClose | undefined;
  /** When the next reconnect attempt is due (ms since epoch), while reconnecting. */
  nextRetryAt: number | undefined;
  rttMs: number | undefined;
  /** What carries the live link (the client's `transport` event); unknown while not open. */
  transport?: TransportKind | undefined;
  /**
   * While this tab's SSE stream waits for one of the browser's stream slots (every one held by other
   * tabs): how many there are. Undefined otherwise.
   */
  streamSlotsFull?: number | undefined;
}

export function initialConnection(
  state: ConnectionState,
  rttMs: number | undefined,
): ConnectionSlice {
  return applyConnectionState(
    { status: "idle", attempt: 0, lastClose: undefined, nextRetryAt: undefined, rttMs },
    state,
  );
}

/** Copies a client state transition into the slice, keeping the last RTT measured. */
export function applyConnectionState(
  slice: ConnectionSlice,
  state: ConnectionState,
): ConnectionSlice {
  return {
    status: state.status,
    attempt: state.attempt,
    lastClose: state.lastClose,
    nextRetryAt: state.nextRetryAt,
    // A round-trip time from a dead socket would be a lie: drop it until the new link measures one.
    rttMs: state.status === "open" ? slice.rttMs : undefined,
    transport: state.status === "open" ? slice.transport : undefined,
    streamSlotsFull: slice.streamSlotsFull,
  };
}
