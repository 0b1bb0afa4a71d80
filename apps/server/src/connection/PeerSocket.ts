/**
 * What the server needs of one client link, whatever carries it: a `ws` WebSocket, or an SSE stream
 * with POSTs (sse/SseSocket.ts). Connections, limits and the heartbeat see only this edge, so every
 * guarantee holds on both. Ready states are the WebSocket ones (1 open, 3 closed).
 *
 * Events: `message` (data, isBinary, handled?), `close` (code, reason Buffer), `pong`, `ping`, `error`.
 * `handled` (SSE only) is called with whether a binary frame was taken once the connection has
 * handled it, so the POST that carried it is answered after the chunk is stored.
 */
// Listener arguments differ per event; `any[]` is how `ws` and Node's EventEmitter declare them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

export interface PeerSocket {
  readonly readyState: number;
  /** Bytes queued for the peer and not yet handed to the kernel: the slow-consumer bound reads it. */
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }): void;
  close(code: number, reason: string): void;
  /** Drops the link at once, without a close handshake. */
  terminate(): void;
  /** A liveness probe: the peer answers with `pong` while it is reachable. */
  ping(): void;
  /**
   * Stops reading frames until `resume`: a `ws` socket leaves them to TCP backpressure on the sender;
   * an SSE link answers the POST being handled only then, and its client posts nothing meanwhile.
   */
  pause?(): void;
  resume?(): void;
  on(event: string, listener: Listener): this;
  once(event: string, listener: Listener): this;
  off(event: string, listener: Listener): this;
}
