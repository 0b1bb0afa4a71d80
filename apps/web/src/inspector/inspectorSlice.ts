import type { Handshake } from "@duplex/protocol";

/** Frames kept for the log, newest first: enough to read, bounded in memory. */
export const MAX_FRAMES = 500;
/** Control frames (ping/pong/close) kept for the trace, beyond the log's cap. */
export const MAX_CONTROLS = 200;
/** Round-trip samples kept for the chart. */
export const MAX_RTT_SAMPLES = 20;

/** `data` is a text frame (opcode 1), `binary` an opcode 2 frame (an upload chunk). */
export type FrameKind = "data" | "binary" | "ping" | "pong" | "close";

/** One frame as the inspector shows it. `direction` is from this browser: `out` = to the server. */
export interface InspectedFrame {
  id: number;
  at: number;
  direction: "in" | "out";
  kind: FrameKind;
  /** The message `type`, or the control frame's kind. */
  type: string;
  payloadBytes: number;
  /** 2, 4 or 10 (RFC 6455 §5.2); 0 for a close that never travelled (1006). */
  headerBytes: number;
  /** 4 on client→server frames. */
  maskBytes: number;
  /** The browser saw it (data frames, its own close), or the server reported it (control frames). */
  seenBy: "browser" | "server";
  code?: number;
  reason?: string;
  rttMs?: number;
  /** Binary frames: the bytes of the payload that are the chunk's own header (upload id, offset). */
  chunkHeaderBytes?: number;
}

/** What a plain HTTP request/response pair cost, measured against the server. */
export interface HttpMeasurement {
  requestBytes: number;
  responseBytes: number;
}

export interface Totals {
  frames: number;
  /** Data frames (messages), both ways: each would be one HTTP request/response instead. */
  messages: number;
  /** Frame header + mask bytes spent on the messages. */
  headerBytes: number;
  payloadBytes: number;
}

export interface InspectorSlice {
  open: boolean;
  paused: boolean;
  /** `"all"` or a message type. */
  filter: string;
  /** Newest first, at most `MAX_FRAMES`. */
  frames: readonly InspectedFrame[];
  /** Frames that arrived while paused (counted, not listed). */
  missedWhilePaused: number;
  /** Oldest first, at most `MAX_CONTROLS`. */
  controls: readonly InspectedFrame[];
  totals: Totals;
  nextId: number;
  handshake?: Handshake;
  /** The Accept recomputed in this browser from the key the server received. */
  computedAccept?: string;
  http?: HttpMeasurement;
  /** Round trips in ms, oldest first: ws-level ping→pong (from the server), and `GET /healthz`. */
  wsRttMs: readonly number[];
  httpRttMs: readonly number[];
  /** Set when a measurement failed (offline, server too old). */
  error?: string;
}

export const initialInspector: InspectorSlice = {
  open: false,
  paused: false,
  filter: "all",
  frames: [],
  missedWhilePaused: 0,
  controls: [],
  totals: { frames: 0, messages: 0, headerBytes: 0, payloadBytes: 0 },
  nextId: 1,
  wsRttMs: [],
  httpRttMs: [],
};

export type NewFrame = Omit<InspectedFrame, "id">;

/** Adds a frame: always to the totals, to the log unless paused, and to the controls if one. */
export function recordFrame(slice: InspectorSlice, frame: NewFrame): InspectorSlice {
  const entry: InspectedFrame = { ...frame, id: slice.nextId };
  // Upload chunks are data too: each would be one HTTP request (a chunked POST) instead.
  const isData = frame.kind === "data" || frame.kind === "binary";
  const totals: Totals = {
    frames: slice.totals.frames + 1,
    messages: slice.totals.messages + (isData ? 1 : 0),
    headerBytes: slice.totals.headerBytes + (isData ? frame.headerBytes + frame.maskBytes : 0),
    payloadBytes: slice.totals.payloadBytes + (isData ? frame.payloadBytes : 0),
  };
  const controls = isData ? slice.controls : [...slice.controls, entry].slice(-MAX_CONTROLS);
  const rtt = frame.rttMs;
  const wsRttMs = rtt === undefined ? slice.wsRttMs : appendSample(slice.wsRttMs, rtt);
  const counted = { ...slice, totals, controls, wsRttMs, nextId: slice.nextId + 1 };
  // Paused, the frame is counted but not listed.
  return slice.paused
    ? { ...counted, missedWhilePaused: slice.missedWhilePaused + 1 }
    : { ...counted, frames: insertByTime(slice.frames, entry).slice(0, MAX_FRAMES) };
}

/**
 * Newest first by time, not by arrival: the server reports a ping or close frame after it happened,
 * so that report can arrive after frames that came later.
 */
function insertByTime(frames: readonly InspectedFrame[], entry: InspectedFrame): InspectedFrame[] {
  const at = frames.findIndex((f) => f.at <= entry.at);
  if (at === 0) return [entry, ...frames];
  if (at < 0) return [...frames, entry];
  return [...frames.slice(0, at), entry, ...frames.slice(at)];
}

/** Only the bytes of a frame not listed in the log (the server's reports about control frames). */
export function countUnlisted(slice: InspectorSlice, frame: NewFrame): InspectorSlice {
  return {
    ...slice,
    totals: {
      frames: slice.totals.frames + 1,
      messages: slice.totals.messages + 1,
      headerBytes: slice.totals.headerBytes + frame.headerBytes + frame.maskBytes,
      payloadBytes: slice.totals.payloadBytes + frame.payloadBytes,
    },
  };
}

export function appendSample(samples: readonly number[], value: number): readonly number[] {
  return [...samples, value].slice(-MAX_RTT_SAMPLES);
}

/** The frames the log shows under `filter`. */
export function visibleFrames(
  frames: readonly InspectedFrame[],
  filter: string,
): readonly InspectedFrame[] {
  return filter === "all" ? frames : frames.filter((f) => f.type === filter);
}

/** The last close this browser received: the code the connection ended with. */
export function finalClose(slice: InspectorSlice): InspectedFrame | undefined {
  for (let i = slice.controls.length - 1; i >= 0; i -= 1) {
    const frame = slice.controls[i];
    if (frame?.kind === "close" && frame.direction === "in" && frame.seenBy === "browser")
      return frame;
  }
  return undefined;
}
