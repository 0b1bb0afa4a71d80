/**
 * English: the protocol inspector. Numbers arrive formatted (`inspectorFormat.ts` rounds them), so
 * each language only places them.
 */
export const inspectorEn = {
  "inspector.toggle": "Inspector",
  "inspector.panelTitle": "Protocol inspector",
  "inspector.close": "Close inspector",
  "inspector.resize": "Inspector width",
  "inspector.download": "Download trace (JSON)",

  "inspector.handshakeTitle": "Handshake",
  "inspector.handshakeIntro":
    "A WebSocket starts as one HTTP request that asks to switch protocols. The server proves it read " +
    "the key by hashing it with RFC 6455's GUID; your browser recomputes that hash below.",
  "inspector.handshakeRequest": "Request the server received",
  "inspector.handshakeResponse": "Response it sent",
  "inspector.handshakeRequestLine": "Request",
  "inspector.handshakeStatus": "Status",
  "inspector.handshakeWaiting": "Waiting for the server's report…",
  "inspector.acceptComputed": "Recomputed here (SHA-1 of key + GUID, base64)",
  "inspector.acceptMatches": "✓ matches",
  "inspector.acceptDiffers": "✗ does not match",
  "inspector.noneHeader": "(none)",

  "inspector.logTitle": "Frames",
  "inspector.logIntro":
    "Every message in and out, newest first. A frame adds 2 header bytes, 4 above 125 bytes of payload, " +
    "10 above 65,535; frames from the browser add a 4-byte mask. Browsers and DevTools never show " +
    "ping, pong or close frames: the server reports them (marked “server”). File uploads go as binary " +
    "frames (opcode 2): the log shows their size and header, never their bytes.",
  "inspector.filterLabel": "Show",
  "inspector.filterAll": "all types",
  "inspector.pause": "Pause",
  "inspector.resume": "Resume",
  "inspector.missedWhilePaused": "{n} frames arrived while paused (counted, not listed)",
  "inspector.capNote": "Only the newest {max} frames are kept in memory.",
  "inspector.logLabel": "Frame log",
  "inspector.colTime": "Time",
  "inspector.colDirection": "Dir.",
  "inspector.colType": "Type",
  "inspector.colPayload": "Payload",
  "inspector.colHeader": "Header",
  "inspector.colSeenBy": "Seen by",
  "inspector.directionIn": "↓ in",
  "inspector.directionOut": "↑ out",
  "inspector.seenByBrowser": "browser",
  "inspector.seenByServer": "server",
  "inspector.bytes": "{n} B",
  "inspector.headerWithMask": "{header}+{mask} B",
  "inspector.closeAbnormal": "1006: no close frame",
  "inspector.rttDetail": "rtt {ms} ms",
  "inspector.binary": "opcode 2",
  "inspector.binaryChunk": "opcode 2 · {bytes} B chunk header in the payload",
  "inspector.noFrames": "No frames yet.",

  "inspector.costTitle": "Cost: WebSocket vs HTTP",
  "inspector.costIntro":
    "An open socket pays a few bytes of framing per message; HTTP pays full request and response " +
    "headers every time. The HTTP figure is measured now against this server, not assumed.",
  "inspector.costMessages": "{n} messages this session",
  "inspector.costWs": "WebSocket frame headers",
  "inspector.costHttp": "Same messages as HTTP/1.1 requests",
  "inspector.costMethod":
    "One request: {request} B of request head (counted by the server as it arrived) and {response} B " +
    "of response head (rebuilt from the headers fetch exposes). Each message, either way, is priced " +
    "as one request/response pair, as long-polling would need.",
  "inspector.costMeasuring": "Measuring an HTTP request…",
  "inspector.rttTitle": "Round trip",
  "inspector.rttWs": "WebSocket ping → pong",
  "inspector.rttApp": "Duplex ping → pong (app level)",
  "inspector.rttHttp": "Fresh GET /healthz",
  "inspector.measureAgain": "Measure again",
  "inspector.chartLabel": "Bar chart comparing WebSocket and HTTP costs",
  "inspector.ms": "{ms} ms",

  "inspector.closeTitle": "Close handshake",
  "inspector.closeIntro":
    "Either side sends a close frame with a code and a reason; the other answers with its own, then " +
    "TCP closes. The log shows both frames and the final code.",
  "inspector.reasonLabel": "Reason",
  "inspector.closeNormal": "Close with 1000",
  "inspector.closeApp": "Close with {code}",
  "inspector.open": "Connection open.",
  "inspector.finalCode": "Final code: {code}",
  "inspector.finalCodeReason": "Final code: {code} ({reason})",
  "inspector.codesTitle": "Close codes",
  "inspector.codesIntro":
    "1006 never travels on the wire: it is what the browser reports when the socket ended without a " +
    "close frame (network loss, a killed server). The client reconnects unless the code is fatal.",
  "inspector.colCode": "Code",
  "inspector.colMeaning": "Meaning",
  "inspector.colReconnects": "Client reconnects?",
  "inspector.yes": "yes",
  "inspector.no": "no",
  "inspector.never": "never sent",
  "inspector.error": "Measurement failed: {message}",
  "inspector.reconnectsAfterUserClose": "yes if the server sent it; not after you close",

  // One per close code: `closeCodeKey` names them, so a code without a meaning fails typecheck.
  "inspector.code.1000": "normal close",
  "inspector.code.1001": "going away: server restart or page left",
  "inspector.code.1002": "protocol error",
  "inspector.code.1003": "data the endpoint cannot accept (binary on /ws)",
  "inspector.code.1006": "closed without a close frame",
  "inspector.code.1007": "invalid payload (bad UTF-8)",
  "inspector.code.1008": "policy violation",
  "inspector.code.1009": "message too big",
  "inspector.code.1011": "server error",
  "inspector.code.1013": "try again later (overloaded, or reading too slowly)",
  "inspector.code.4400": "first frame was not a valid hello",
  "inspector.code.4401": "invalid or expired token: sign in again",
  "inspector.code.4403": "forbidden",
  "inspector.code.4408": "no hello in time",
  "inspector.code.4426": "the server was upgraded past this app: reload the page",
  "inspector.code.4429": "rate limited",
} as const;
