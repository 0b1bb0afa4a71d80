import type { PeerSocket } from "./PeerSocket.js";

/** What the heartbeat needs of a socket: `/ws` connections and `/echo` sockets alike. */
export interface HeartbeatPeer {
  readonly ws: PeerSocket;
  /** Whether the socket answered the last ping; set by its `pong` listener. */
  alive: boolean;
}

/**
 * ws-level pings every `intervalMs`. A socket that has not answered the previous ping by the next tick
 * is dead (half-open TCP looks alive forever otherwise) and is terminated; its 'close' cleanup then
 * removes its presence. `onPing` runs after each ping (the inspector reports it). Returns a stop function.
 */
export function startHeartbeat<P extends HeartbeatPeer>(
  peers: Iterable<P>,
  intervalMs: number,
  onPing: (peer: P) => void = () => {},
): () => void {
  const timer = setInterval(() => {
    for (const peer of peers) {
      if (!peer.alive) {
        peer.ws.terminate();
        continue;
      }
      peer.alive = false;
      peer.ws.ping();
      onPing(peer);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
