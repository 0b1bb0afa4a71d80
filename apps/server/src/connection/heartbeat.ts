import { notePingSent } from "../inspector/controlFrames.js";
import type { Connection } from "./Connection.js";

/**
 * ws-level pings every `intervalMs`. A socket that has not answered the previous ping by the next tick
 * is dead (half-open TCP looks alive forever otherwise) and is terminated; its 'close' cleanup then
 * removes its presence. Returns a stop function.
 */
export function startHeartbeat(connections: Iterable<Connection>, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.log.info("no pong since the last ping; terminating");
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
      notePingSent(conn);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
