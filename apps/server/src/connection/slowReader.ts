import { WebSocket } from "ws";
import type { PeerSocket } from "./PeerSocket.js";

/** A socket closed for abuse (1013, 4429) gets this long to read the close frame before it is cut off. */
export const SLOW_READER_GRACE_MS = 1_000;

/** Whether `ws` has more than `maxBufferedBytes` queued for the peer (0: no bound). */
export function isBehind(ws: PeerSocket, maxBufferedBytes: number): boolean {
  return maxBufferedBytes > 0 && ws.bufferedAmount > maxBufferedBytes;
}

/**
 * The outbound bound of every socket the server writes to (`/ws` and `/echo`): a reader this far
 * behind costs the server memory for every frame meant for it, so it is closed with 1013 by `close`.
 * Its close frame queues behind the backlog, so the socket is cut off after a short grace.
 */
export function dropSlowReader(ws: PeerSocket, close: () => void): void {
  close();
  cutOffAfterGrace(ws);
}

/**
 * A peer closed for abuse that neither reads (a backlog) nor answers the close would keep the socket,
 * and have its uploads read and discarded, for ws's 30 s close timeout: cut it off after a grace.
 */
export function cutOffAfterGrace(ws: PeerSocket): void {
  setTimeout(() => {
    if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  }, SLOW_READER_GRACE_MS).unref();
}
