import { PROTOCOL_INFO_PATH, SUBPROTOCOL } from "@duplex/protocol";
import { loadServerDecoder } from "./lazyDecoder.js";
import type { FetchLike } from "./types.js";

/** The HTTP URL of `GET /api/protocol` on the server of a WebSocket URL (`wss:` → `https:`). */
export function protocolInfoUrl(socketUrl: string): string | undefined {
  try {
    const url = new URL(socketUrl);
    if (url.protocol !== "ws:" && url.protocol !== "wss:") return undefined;
    return `${url.protocol === "wss:" ? "https:" : "http:"}//${url.host}${PROTOCOL_INFO_PATH}`;
  } catch {
    return undefined;
  }
}

/**
 * Asks the server whether it still speaks `subprotocol`. A browser cannot read the HTTP 400 of a
 * refused upgrade, so this is how a client learns that the server was upgraded past it.
 * @returns `false` only when the server answered and does not list it; `undefined` when unknown
 * (server down, no such endpoint, a body that is not `ProtocolInfo`): unknown keeps the client retrying.
 */
export async function supportsSubprotocol(
  fetch: FetchLike,
  socketUrl: string,
  subprotocol: string = SUBPROTOCOL,
): Promise<boolean | undefined> {
  const url = protocolInfoUrl(socketUrl);
  if (url === undefined) return undefined;
  try {
    const res = await fetch(url);
    if (!res.ok) return undefined;
    const body: unknown = await res.json();
    const { ProtocolInfo } = await loadServerDecoder();
    const info = ProtocolInfo.safeParse(body);
    return info.success ? info.data.subprotocols.includes(subprotocol) : undefined;
  } catch {
    return undefined;
  }
}
