import type { CloseCode } from "@duplex/protocol";

/**
 * Every string the protocol inspector shows, in one place so it can be translated as a whole.
 * Functions take the numbers they format.
 */
export const inspectorStrings = {
  toggle: "Inspector",
  panelTitle: "Protocol inspector",
  close: "Close inspector",
  resize: "Inspector width",
  download: "Download trace (JSON)",

  handshakeTitle: "Handshake",
  handshakeIntro:
    "A WebSocket starts as one HTTP request that asks to switch protocols. The server proves it read " +
    "the key by hashing it with RFC 6455's GUID; your browser recomputes that hash below.",
  handshakeRequest: "Request the server received",
  handshakeResponse: "Response it sent",
  handshakeRequestLine: "Request",
  handshakeStatus: "Status",
  handshakeWaiting: "Waiting for the server's report…",
  acceptComputed: "Recomputed here (SHA-1 of key + GUID, base64)",
  acceptMatches: "✓ matches",
  acceptDiffers: "✗ does not match",
  noneHeader: "(none)",

  logTitle: "Frames",
  logIntro:
    "Every message in and out, newest first. A frame adds 2 header bytes, 4 above 125 bytes of payload, " +
    "10 above 65,535; frames from the browser add a 4-byte mask. Browsers and DevTools never show " +
    "ping, pong or close frames: the server reports them (marked “server”). File uploads go as binary " +
    "frames (opcode 2): the log shows their size and header, never their bytes.",
  filterLabel: "Show",
  filterAll: "all types",
  pause: "Pause",
  resume: "Resume",
  missedWhilePaused: (n: number) => `${n} frames arrived while paused (counted, not listed)`,
  capNote: (max: number) => `Only the newest ${max} frames are kept in memory.`,
  logLabel: "Frame log",
  colTime: "Time",
  colDirection: "Dir.",
  colType: "Type",
  colPayload: "Payload",
  colHeader: "Header",
  colSeenBy: "Seen by",
  directionIn: "↓ in",
  directionOut: "↑ out",
  seenByBrowser: "browser",
  seenByServer: "server",
  bytes: (n: number) => `${n} B`,
  headerWithMask: (header: number, mask: number) =>
    mask > 0 ? `${header}+${mask} B` : `${header} B`,
  closeDetail: (code: number | undefined, reason: string) =>
    code === 1006 ? "1006: no close frame" : `${code ?? "—"} ${reason}`.trim(),
  rttDetail: (ms: number) => `rtt ${ms.toFixed(1)} ms`,
  binaryDetail: (chunkHeader: number | undefined) =>
    chunkHeader === undefined
      ? "opcode 2"
      : `opcode 2 · ${chunkHeader} B chunk header in the payload`,
  noFrames: "No frames yet.",

  costTitle: "Cost: WebSocket vs HTTP",
  costIntro:
    "An open socket pays a few bytes of framing per message; HTTP pays full request and response " +
    "headers every time. The HTTP figure is measured now against this server, not assumed.",
  costMessages: (n: number) => `${n} messages this session`,
  costWs: "WebSocket frame headers",
  costHttp: "Same messages as HTTP/1.1 requests",
  costMethod: (request: number, response: number) =>
    `One request: ${request} B of request head (counted by the server as it arrived) and ${response} B ` +
    "of response head (rebuilt from the headers fetch exposes). Each message, either way, is priced " +
    "as one request/response pair, as long-polling would need.",
  costMeasuring: "Measuring an HTTP request…",
  rttTitle: "Round trip",
  rttWs: "WebSocket ping → pong",
  rttApp: "Duplex ping → pong (app level)",
  rttHttp: "Fresh GET /healthz",
  measureAgain: "Measure again",
  chartLabel: "Bar chart comparing WebSocket and HTTP costs",
  ms: (ms: number | undefined) => (ms === undefined ? "—" : `${ms.toFixed(1)} ms`),

  closeTitle: "Close handshake",
  closeIntro:
    "Either side sends a close frame with a code and a reason; the other answers with its own, then " +
    "TCP closes. The log shows both frames and the final code.",
  reasonLabel: "Reason",
  closeNormal: "Close with 1000",
  closeApp: (code: number) => `Close with ${code}`,
  finalCode: (code: number | undefined, reason: string) =>
    code === undefined ? "Connection open." : `Final code: ${code}${reason ? ` (${reason})` : ""}`,
  codesTitle: "Close codes",
  codesIntro:
    "1006 never travels on the wire: it is what the browser reports when the socket ended without a " +
    "close frame (network loss, a killed server). The client reconnects unless the code is fatal.",
  colCode: "Code",
  colMeaning: "Meaning",
  colReconnects: "Client reconnects?",
  yes: "yes",
  no: "no",
  never: "never sent",
  error: (message: string) => `Measurement failed: ${message}`,
  codeMeanings: {
    1000: "normal close",
    1001: "going away: server restart or page left",
    1002: "protocol error",
    1003: "data the endpoint cannot accept (binary on /ws)",
    1006: "closed without a close frame",
    1007: "invalid payload (bad UTF-8)",
    1008: "policy violation",
    1009: "message too big",
    1011: "server error",
    1013: "try again later (overloaded, or reading too slowly)",
    4400: "first frame was not a valid hello",
    4401: "invalid or expired token: sign in again",
    4403: "forbidden",
    4408: "no hello in time",
    4426: "the server was upgraded past this app: reload the page",
    4429: "rate limited",
  } as Readonly<Record<CloseCode, string>>,
  reconnectsAfterUserClose: "yes if the server sent it; not after you close",
} as const;

/** The inspector's strings with each text widened to `string`, so a translation can fill them. */
export type InspectorStrings = {
  readonly [K in keyof typeof inspectorStrings]: (typeof inspectorStrings)[K] extends string
    ? string
    : (typeof inspectorStrings)[K];
};
