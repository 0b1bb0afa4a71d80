import { WebSocket } from "ws";
import type { WebSocketConstructor } from "../src/types.js";

/** Node's `ws`, remembering every socket it makes, so a test can wait on one or cut it under the client. */
export interface RecordingWebSocket {
  WebSocket: WebSocketConstructor;
  sockets: WebSocket[];
  /** Drops the newest socket at once, as a dead network would. */
  cut: () => void;
}

export function recordingWebSocket(): RecordingWebSocket {
  const sockets: WebSocket[] = [];
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  return { WebSocket: Recording, sockets, cut: () => sockets.at(-1)?.terminate() };
}
