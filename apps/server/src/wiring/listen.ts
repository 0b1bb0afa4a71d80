import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CloseCode } from "@duplex/protocol";
import { WebSocket } from "ws";
import type { Connection } from "../connection/Connection.js";

/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Accept queue asked of the kernel (capped by `net.core.somaxconn`, 4,096 on current Linux). Node's
 * default of 511 overflows in a deploy's reconnect storm while the loop works on the joins already
 * accepted: the kernel then drops the SYNs and clients wait out retries (1 s, 3 s, 7 s…).
 */
export const LISTEN_BACKLOG = 4_096;

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** The host to put in URLs: a wildcard address is reached on loopback; IPv6 goes in brackets. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Closes every socket with 1001, waits for the close handshakes (bounded), then for their clean-up. */
export async function closeSockets(connections: ReadonlySet<Connection>): Promise<void> {
  const all = [...connections];
  const closed = all.map(
    (conn) =>
      new Promise<void>((resolve) => {
        if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
        conn.ws.once("close", () => resolve());
      }),
  );
  for (const conn of all) conn.closeConnection(CloseCode.GoingAway);
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_GRACE_MS);
  });
  await Promise.race([Promise.all(closed), grace]);
  clearTimeout(timer);
  for (const conn of all) conn.ws.terminate();
  await Promise.all(all.map((conn) => conn.drained()));
}
