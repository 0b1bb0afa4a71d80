import type { PeerSocket } from "./PeerSocket.js";

/**
 * Why a socket's reads are paused: its queue of frames is full (`frames`), or its upload chunks fill
 * their window (`chunks`). Reading resumes when no reason holds, so one part never resumes a socket
 * another part still holds.
 */
export type ReadHold = "frames" | "chunks";

const holds = new WeakMap<PeerSocket, Set<ReadHold>>();

/**
 * Pauses the socket's reads for `reason` (a `ws` socket: the kernel's buffers fill, and TCP flow
 * control holds the client's next frames on its side; an SSE link holds its POST's answer). Returns
 * whether this call paused a socket that was reading. A socket without `pause` is left as it is.
 */
export function holdReads(socket: PeerSocket, reason: ReadHold): boolean {
  if (socket.pause === undefined) return false;
  let reasons = holds.get(socket);
  if (reasons === undefined) {
    reasons = new Set();
    holds.set(socket, reasons);
  }
  if (reasons.has(reason)) return false;
  reasons.add(reason);
  if (reasons.size > 1) return false;
  socket.pause();
  return true;
}

/** Drops `reason`; the socket reads again once no other reason holds it. */
export function releaseReads(socket: PeerSocket, reason: ReadHold): void {
  const reasons = holds.get(socket);
  if (reasons === undefined || !reasons.delete(reason)) return;
  if (reasons.size > 0) return;
  holds.delete(socket);
  socket.resume?.();
}
