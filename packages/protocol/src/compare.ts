import { z } from "zod";

/**
 * The inspector's transport comparison ("Why WebSocket"): the same echo exchange over four
 * transports, against endpoints kept apart from the chat. Nothing here is stored.
 */
export const COMPARE_PATHS = {
  /** POST (bearer session): opens a run, answers {@link CompareRunCreated}. */
  runs: "/api/compare/runs",
  /** WebSocket upgrade `?run=<id>`: echoes each text frame; permessage-deflate refused. */
  ws: "/api/compare/ws",
  /** WebSocket upgrade `?run=<id>`: as `ws`, but accepts permessage-deflate and reports per frame. */
  wsDeflate: "/api/compare/ws-deflate",
} as const;

/** Run sub-resources, below `${runs}/<id>/`: `sse` (GET stream), `send` (POST), `poll` (GET), `report` (GET). */
export const compareRunPath = (id: string, what: "sse" | "send" | "poll" | "report") =>
  `${COMPARE_PATHS.runs}/${encodeURIComponent(id)}/${what}`;

export const CompareMode = z.enum(["websocket", "sse", "longpoll", "shortpoll", "deflate"]);
export type CompareMode = z.infer<typeof CompareMode>;

/** Bounds of one run, the same for every mode. */
export const COMPARE_LIMITS = {
  /** Messages a run accepts from the client (the panel sends 100). */
  maxMessages: 200,
  /** Bytes of one message. */
  maxMessageBytes: 1024,
  /** A run and everything it holds open ends this long after it was created. */
  maxRunMs: 90_000,
  /** A long poll is answered empty after this long. */
  longPollMs: 20_000,
  /** The short-polling interval the panel uses. */
  shortPollMs: 1_000,
} as const;

export const CompareRunRequest = z.object({ mode: CompareMode });
export type CompareRunRequest = z.infer<typeof CompareRunRequest>;

export const CompareRunCreated = z.object({
  id: z.string(),
  mode: CompareMode,
  maxMessages: z.number().int(),
  expiresInMs: z.number().int(),
});
export type CompareRunCreated = z.infer<typeof CompareRunCreated>;

/** One frame through the deflate endpoint: payload bytes and the bytes the frame took on the wire. */
export const DeflateFrame = z.object({
  direction: z.enum(["in", "out"]),
  payloadBytes: z.number().int(),
  wireBytes: z.number().int(),
});
export type DeflateFrame = z.infer<typeof DeflateFrame>;

/**
 * What the server counted for a run. Bytes are on the wire, both directions, HTTP request and
 * response heads included (WebSocket: the raw socket's byte counts, handshake included).
 */
export const CompareReport = z.object({
  id: z.string(),
  mode: CompareMode,
  messagesIn: z.number().int(),
  messagesOut: z.number().int(),
  /** Bytes the server read (requests: head + body; WebSocket: everything on the socket). */
  bytesIn: z.number().int(),
  /** Bytes the server wrote (responses: head + body + chunk framing). */
  bytesOut: z.number().int(),
  /** Of those, HTTP head bytes (request + response); 0-ish for WebSocket after the handshake. */
  headerBytes: z.number().int(),
  requests: z.number().int(),
  /** Distinct TCP connections the run's requests came on (keep-alive reuse counts once). */
  connections: z.number().int(),
  /** How long echoes waited on the server before being written (ms): median and p99. */
  serverWaitMedianMs: z.number(),
  serverWaitP99Ms: z.number(),
  /** The deflate mode's frames (empty in the others); at most the run's messages each way. */
  frames: z.array(DeflateFrame),
});
export type CompareReport = z.infer<typeof CompareReport>;
