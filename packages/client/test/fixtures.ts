import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import type { ChatMessage } from "@duplex/protocol";
import type { DuplexClientOptions } from "../src/options.js";
import type { WebSocketConstructor } from "../src/types.js";
import { DuplexClient } from "../src/DuplexClient.js";

/** A temp directory holding an SQLite path; removed when disposed. */
export function tempDb(): { path: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), "duplex-client-"));
  return {
    path: join(dir, "duplex.db"),
    [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A port that was free a moment ago, for a server that must come back on the same port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export const NodeWebSocket: WebSocketConstructor = WebSocket;

/** A real client on `ws` that records what it was handed per room. */
export class RecordingClient {
  readonly client: DuplexClient;
  /** Messages delivered by `roomMessages`, the app's view of each room. */
  readonly views = new Map<string, ChatMessage[]>();
  readonly acked = new Set<string>();

  constructor(options: Omit<DuplexClientOptions, "WebSocket">) {
    this.client = new DuplexClient({ WebSocket: NodeWebSocket, ...options });
    this.client.on("roomMessages", (room, messages, reset) => {
      const view = reset ? [] : (this.views.get(room) ?? []);
      view.push(...messages);
      this.views.set(room, view);
    });
    this.client.on("message", (m) => {
      if (m.type === "ack") this.acked.add(m.cid);
    });
  }

  view(room: string): ChatMessage[] {
    return this.views.get(room) ?? [];
  }

  /** Resolves on the next state with this status (or now, if already there). */
  until(status: DuplexClient["state"]["status"]): Promise<void> {
    if (this.client.state.status === status) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.client.on("state", (s) => {
        if (s.status !== status) return;
        off();
        resolve();
      });
    });
  }

  [Symbol.dispose](): void {
    this.client.close();
  }
}
