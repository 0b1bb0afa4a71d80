/** English: the inspector's "Why WebSocket" comparison and its deflate view. */
export const compareEn = {
  "compare.title": "Why WebSocket, measured",
  "compare.intro":
    "The same exchange four ways against this server: 100 chat-sized messages sent at a steady 20 a " +
    "second, each echoed back — so 100 each way. Each transport runs in turn; nothing is stored.",
  "compare.run": "Run the comparison",
  "compare.cancel": "Cancel",
  "compare.signedOut": "Sign in first: a run is opened by a signed-in user.",
  "compare.refused": "The server refused or failed the run. Try again in a minute.",
  "compare.cancelled": "Cancelled.",
  "compare.progress": "{mode} ({step} of {steps}): {received} of {total} echoes back",
  "compare.done": "Done. Figures from this run:",
  "compare.mode.websocket": "WebSocket",
  "compare.mode.sse": "SSE + POST",
  "compare.mode.longpoll": "Long polling",
  "compare.mode.shortpoll": "Short polling (1 s)",
  "compare.mode.deflate": "WebSocket + deflate",
  "compare.tableCaption": "The four transports side by side (100 messages each way)",
  "compare.colMode": "Transport",
  "compare.colBytes": "Bytes on the wire",
  "compare.colHeaders": "of which HTTP heads",
  "compare.colRequests": "Requests",
  "compare.colConnections": "TCP connections",
  "compare.colMedian": "Round trip, median",
  "compare.colP99": "Round trip, p99",
  "compare.colLost": "Lost",
  "compare.barsBytes": "Bytes on the wire (both ways, heads included)",
  "compare.barsRequests": "HTTP requests",
  "compare.barsLatency": "Round trip, median",
  "compare.method":
    "Bytes and requests are counted by the server: request heads as they arrived plus bodies, and the " +
    "raw socket's bytes written for responses (heads, bodies, chunk framing); a WebSocket counts its " +
    "whole socket, handshake included. Opening a run and reading its report are not counted. Round " +
    "trips (send → echo back) are timed in this page.",
  "compare.whyTitle": "What the figures show",
  "compare.why.websocket":
    "WebSocket pays one HTTP handshake, then 2–6 bytes of framing per message (plus a 4-byte mask upward). Both directions share one connection, and the server writes an echo the moment it has it.",
  "compare.why.sse":
    "SSE + POST pushes as fast downward, over one long response, but every message upward is a full HTTP request with its heads (cookies and all, in a real app): hundreds of bytes for a hundred-byte message.",
  "compare.why.longpoll":
    "Long polling adds a request per delivery downward: each answer ends the response, and the next poll must arrive before the server can push again.",
  "compare.why.shortpoll":
    "Short polling makes the server wait for the next poll: up to a whole interval of latency per message, and requests even when there is nothing to say.",
  "compare.bytes": "{n} B",
  "compare.kib": "{n} KiB",

  "compare.deflateTitle": "permessage-deflate, frame by frame",
  "compare.deflateIntro":
    "Browsers always offer permessage-deflate; Duplex's /ws declines it by default. This second endpoint " +
    "accepts it, so you can see what each frame would cost compressed: the payload, and the bytes the " +
    "frame took on the wire (header included), as the server's socket counted them.",
  "compare.deflateRun": "Run 20 messages with deflate",
  "compare.deflateCaption": "Frames through the deflate endpoint",
  "compare.colFrame": "#",
  "compare.colDirection": "Direction",
  "compare.colPayload": "Payload",
  "compare.colWire": "On the wire",
  "compare.colSaved": "Saved",
  "compare.directionIn": "↑ to server",
  "compare.directionOut": "↓ to page",
  "compare.deflateTotals": "In all: {payload} of payload took {wire} on the wire ({percent} %).",
  "compare.deflateWhy":
    "Repeated keys compress well once the shared window has seen them: later frames shrink most. The " +
    "price is memory: each connection keeps a compression context (tens to hundreds of KiB, and zlib " +
    "fragments the heap — the known ws#1202), which is why the default stays off; see the bench figures.",
} as const;
