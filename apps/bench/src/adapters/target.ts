import type { RawClient } from "../wire/rawClient.js";
import type { RunningTarget } from "../targets/targetProcess.js";

export type TargetName =
  "ws" | "ws-default" | "socket.io" | "duplex" | "duplex-base" | "duplex-cluster";

/**
 * Everything the scenarios need to drive one system: start it, open a client into a room, make the
 * client ready (for Duplex: hello → welcome, join → joined), and frame a chat send. Scenarios never
 * know which target they drive.
 */
export interface Target {
  name: TargetName;
  /** Starts a fresh server process; `nodeArgs` are extra Node flags (e.g. `--cpu-prof`). */
  start(nodeArgs?: readonly string[]): Promise<RunningTarget>;
  /** Request path and headers of a client that will sit in `room`. */
  connectPath(room: string): string;
  headers: Readonly<Record<string, string>>;
  /** Completes the application handshake; resolves when the client is in `room`. */
  ready(client: RawClient, room: string, index: number): Promise<void>;
  /** The text frame that sends `text` to `room`. */
  sendPayload(room: string, text: string): string;
  /** Most messages per second one connection may send (a server-side rate limit), or Infinity. */
  maxSendRatePerClient: number;
}
