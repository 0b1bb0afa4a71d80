import { Capability } from "@duplex/protocol";
import type { BackoffOptions } from "./backoff.js";
import type {
  FetchLike,
  KeyValueStorage,
  OnlineSource,
  Timers,
  WebSocketConstructor,
} from "./types.js";
import { DEFAULT_BACKOFF } from "./backoff.js";
import { linkFactory, type LinkFactory, type TransportChoice } from "./autoTransport.js";
import { sseSocketConstructor, type StreamingFetch } from "./sseSocket.js";
import { DEFAULT_UPGRADE_PROBE } from "./wsUpgrade.js";
import {
  defaultFetch,
  defaultOnlineSource,
  defaultTimers,
  defaultWebSocket,
  memoryStorage,
} from "./environment.js";

/** Everything a `DuplexClient` needs from its environment; all of it injectable for tests. */
export interface DuplexClientOptions {
  /** The server's WebSocket URL, e.g. `ws://localhost:8080/ws`. */
  url: string;
  /** Display name sent in `hello`; the server picks one if absent. @default undefined */
  name?: string;
  /**
   * Capabilities the application understands, asked for in `hello.caps` beside the ones this client
   * handles itself (`CLIENT_CAPS`); `welcome.caps` (the `caps` getter) says what the node granted.
   * @default []
   */
  caps?: readonly string[];
  /** WebSocket implementation (`ws` in Node). @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor;
  /** @default real timers (`setTimeout`, `clearTimeout`, `Date.now`) */
  timers?: Timers;
  /** Source of jitter. @default Math.random */
  random?: () => number;
  /** Reachability. @default navigator.onLine + window online/offline events, else always online */
  online?: OnlineSource;
  /** Where the token, outbox and resume positions live (`localStorage` in a browser). @default in memory */
  storage?: KeyValueStorage;
  /** Prefix of the storage keys, so two clients can share one storage. @default "duplex" */
  storageKey?: string;
  /** Reconnect backoff with full jitter. @default { baseMs: 500, capMs: 30000 } */
  backoff?: Partial<BackoffOptions>;
  /** How often to send `ping`. @default the server's `welcome.heartbeatMs`, else 25000 */
  pingIntervalMs?: number;
  /** A `ping` unanswered this long means a dead link. @default min(10000, 40% of the ping interval) */
  pongTimeoutMs?: number;
  /** A connection open this long resets the backoff attempt counter. @default 5000 */
  stableAfterMs?: number;
  /** How long `request()` waits for its reply. @default 10000 */
  requestTimeoutMs?: number;
  /**
   * Asks `GET /api/protocol` after a socket that never opened, to stop retrying (4426) when the server
   * no longer speaks this client's subprotocol. `false` turns the probe off.
   * @default globalThis.fetch where it exists, else off
   */
  fetch?: FetchLike | false;
  /**
   * What carries the protocol: `websocket`; `sse` (Server-Sent Events + POST, for networks that
   * block WebSocket); `auto` tries WebSocket and falls back to SSE (`activeTransport` says which).
   * @default "websocket"
   */
  transport?: TransportChoice;
  /** With `auto`: a WebSocket with no frame from the server this long is given up for SSE. @default 4000 */
  fallbackTimeoutMs?: number;
  /**
   * With `auto`, while on SSE: probe WebSocket again this long after falling back, doubling after each
   * failed probe up to `maxMs`, and upgrade in place once one is welcomed. @default 30 s → 5 min
   */
  upgradeProbe?: { initialMs: number; maxMs: number };
  /** `fetch` with streamed bodies for the SSE transport. @default globalThis.fetch */
  streamingFetch?: StreamingFetch;
}

export interface ResolvedOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  timers: Timers;
  random: () => number;
  online: OnlineSource;
  storage: KeyValueStorage;
  storageKey: string;
  backoff: BackoffOptions;
  pingIntervalMs: number | undefined;
  pongTimeoutMs: number | undefined;
  stableAfterMs: number;
  requestTimeoutMs: number;
  fetch: FetchLike | undefined;
  caps: readonly string[];
  links: LinkFactory;
  upgradeProbe: { initialMs: number; maxMs: number };
  fallbackMs: number;
}

/** Capabilities this client handles itself: it turns `presence_diff` into presence events. */
export const CLIENT_CAPS: readonly string[] = [Capability.PresenceDiff];

export const DEFAULT_PING_INTERVAL_MS = 25_000;

function resolveLinks(options: DuplexClientOptions, timers: Timers): LinkFactory {
  const choice = options.transport ?? "websocket";
  const Sse = sseSocketConstructor(options.streamingFetch);
  // `sse` needs no WebSocket at all (a Node without one, or a page where it is blocked).
  const WebSocket = choice === "sse" ? Sse : (options.WebSocket ?? defaultWebSocket());
  return linkFactory(choice, {
    WebSocket,
    Sse,
    timers,
    fallbackMs: options.fallbackTimeoutMs ?? 4000,
  });
}

export function resolveOptions(options: DuplexClientOptions): ResolvedOptions {
  const links = resolveLinks(options, options.timers ?? defaultTimers);
  return {
    url: options.url,
    WebSocket: links.WebSocket,
    links,
    timers: options.timers ?? defaultTimers,
    random: options.random ?? Math.random,
    online: options.online ?? defaultOnlineSource(),
    storage: options.storage ?? memoryStorage(),
    storageKey: options.storageKey ?? "duplex",
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    pingIntervalMs: options.pingIntervalMs,
    pongTimeoutMs: options.pongTimeoutMs,
    stableAfterMs: options.stableAfterMs ?? 5000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    fetch: options.fetch === false ? undefined : (options.fetch ?? defaultFetch()),
    caps: [...new Set([...CLIENT_CAPS, ...(options.caps ?? [])])],
    upgradeProbe: options.upgradeProbe ?? DEFAULT_UPGRADE_PROBE,
    fallbackMs: options.fallbackTimeoutMs ?? 4000,
  };
}

/** The ping cadence and pong deadline for a connection whose server announced `heartbeatMs`. */
export function heartbeatTiming(
  options: ResolvedOptions,
  serverHeartbeatMs: number | undefined,
): { intervalMs: number; timeoutMs: number } {
  const intervalMs = options.pingIntervalMs ?? serverHeartbeatMs ?? DEFAULT_PING_INTERVAL_MS;
  const timeoutMs = options.pongTimeoutMs ?? Math.min(10_000, Math.round(intervalMs * 0.4));
  return { intervalMs, timeoutMs };
}
