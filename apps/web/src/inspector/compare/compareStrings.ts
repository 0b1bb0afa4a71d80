import type { CompareMode } from "@duplex/protocol";

const kb = (n: number) =>
  n < 10_000 ? `${n.toLocaleString("en")} B` : `${(n / 1024).toFixed(1)} KiB`;

/** Every string of the "Why WebSocket" panel, in English; `compareStringsZh` has the same keys. */
export const compareStrings = {
  title: "Why WebSocket, measured",
  intro:
    "The same exchange four ways against this server: 100 chat-sized messages sent at a steady 20 a " +
    "second, each echoed back — so 100 each way. Each transport runs in turn; nothing is stored.",
  run: "Run the comparison",
  cancel: "Cancel",
  signedOut: "Sign in first: a run is opened by a signed-in user.",
  refused: "The server refused or failed the run. Try again in a minute.",
  cancelled: "Cancelled.",
  progress: (mode: string, received: number, total: number, step: number, steps: number) =>
    `${mode} (${step} of ${steps}): ${received} of ${total} echoes back`,
  done: "Done. Figures from this run:",
  modes: {
    websocket: "WebSocket",
    sse: "SSE + POST",
    longpoll: "Long polling",
    shortpoll: "Short polling (1 s)",
    deflate: "WebSocket + deflate",
  } satisfies Record<CompareMode, string>,
  tableCaption: "The four transports side by side (100 messages each way)",
  colMode: "Transport",
  colBytes: "Bytes on the wire",
  colHeaders: "of which HTTP heads",
  colRequests: "Requests",
  colConnections: "TCP connections",
  colMedian: "Round trip, median",
  colP99: "Round trip, p99",
  colLost: "Lost",
  barsBytes: "Bytes on the wire (both ways, heads included)",
  barsRequests: "HTTP requests",
  barsLatency: "Round trip, median",
  method:
    "Bytes and requests are counted by the server: request heads as they arrived plus bodies, and the " +
    "raw socket's bytes written for responses (heads, bodies, chunk framing); a WebSocket counts its " +
    "whole socket, handshake included. Opening a run and reading its report are not counted. Round " +
    "trips (send → echo back) are timed in this page.",
  whyTitle: "What the figures show",
  why: [
    "WebSocket pays one HTTP handshake, then 2–6 bytes of framing per message (plus a 4-byte mask upward). Both directions share one connection, and the server writes an echo the moment it has it.",
    "SSE + POST pushes as fast downward, over one long response, but every message upward is a full HTTP request with its heads (cookies and all, in a real app): hundreds of bytes for a hundred-byte message.",
    "Long polling adds a request per delivery downward: each answer ends the response, and the next poll must arrive before the server can push again.",
    "Short polling makes the server wait for the next poll: up to a whole interval of latency per message, and requests even when there is nothing to say.",
  ],
  bytes: kb,
  ms: (ms: number | undefined) => (ms === undefined ? "—" : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`),
  count: (n: number) => n.toLocaleString("en"),

  deflateTitle: "permessage-deflate, frame by frame",
  deflateIntro:
    "Browsers always offer permessage-deflate; Duplex's /ws declines it by default. This second endpoint " +
    "accepts it, so you can see what each frame would cost compressed: the payload, and the bytes the " +
    "frame took on the wire (header included), as the server's socket counted them.",
  deflateRun: "Run 20 messages with deflate",
  deflateCaption: "Frames through the deflate endpoint",
  colFrame: "#",
  colDirection: "Direction",
  colPayload: "Payload",
  colWire: "On the wire",
  colSaved: "Saved",
  directionIn: "↑ to server",
  directionOut: "↓ to page",
  deflateTotals: (payload: number, wire: number) =>
    `In all: ${kb(payload)} of payload took ${kb(wire)} on the wire (${Math.round((100 * wire) / Math.max(1, payload))} %).`,
  deflateWhy:
    "Repeated keys compress well once the shared window has seen them: later frames shrink most. The " +
    "price is memory: each connection keeps a compression context (tens to hundreds of KiB, and zlib " +
    "fragments the heap — the known ws#1202), which is why the default stays off; see the bench figures.",
};

export type CompareStrings = typeof compareStrings;
