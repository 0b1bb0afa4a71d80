import { DuplexClient, type DuplexClientOptions } from "@duplex/client";
import { WebSocket } from "ws";

/**
 * The client library as the web app runs it, choosing its own transport (`auto`: WebSocket, else
 * SSE), here in Node: `ws` unless a test brings its own network, and no fetch of the app's config.
 */
export function autoTransportClient(
  url: string,
  options: Omit<DuplexClientOptions, "url" | "transport"> = {},
): DuplexClient {
  return new DuplexClient({ url, WebSocket, transport: "auto", fetch: false, ...options });
}

/** Connects, joins `room`; resolves with the id of the user the server signed the client in as. */
export function connectAndJoin(client: DuplexClient, room: string): Promise<string> {
  const user = new Promise<string>((resolve) => client.on("user", (u) => resolve(u.id)));
  client.connect();
  client.join(room);
  return user;
}
