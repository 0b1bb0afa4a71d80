import type { CompareMode, CompareReport, CompareRunCreated } from "@duplex/protocol";

/** What a run needs from the browser; tests pass fakes. */
export interface CompareEnv {
  /** Opens a run as the signed-in user; undefined when refused or offline. */
  openRun(mode: CompareMode): Promise<CompareRunCreated | undefined>;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  EventSource: typeof EventSource;
  /** `ws://host` or `wss://host` of this page's server. */
  wsBase: string;
  now(): number;
}

/** One mode's outcome: what the server counted and the round trips the page measured. */
export interface ModeResult {
  mode: CompareMode;
  report: CompareReport;
  /** Send → echo received, per message, in ms (measured in this page). */
  roundTripsMs: number[];
  /** Messages whose echo never came (0 unless cancelled or failed). */
  lost: number;
}

/** Progress of the mode running now. */
export interface CompareProgress {
  mode: CompareMode;
  sent: number;
  received: number;
  total: number;
}
