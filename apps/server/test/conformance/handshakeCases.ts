import { CaseFailure } from "./expectations.js";
import { handshakeCase, type HandshakeCase } from "./caseKit.js";
import { expectedAccept } from "@duplex/rawsocket";
import { rawHandshake } from "./rawClient.js";

/** An upgrade with `headers` changed must be refused with a 400. */
const refused400 = (id: string, title: string, headers: Record<string, string | undefined>) =>
  handshakeCase({
    id,
    rfc: "§4.2.1",
    title,
    run: async (port) => {
      const { socket, response } = await rawHandshake(port, headers);
      socket.destroy();
      if (response.status !== 400) throw new CaseFailure(`status ${response.status}`);
    },
  });

export const handshake: HandshakeCase[] = [
  handshakeCase({
    id: "4.2.2-accept",
    rfc: "§4.2.2",
    title: "101 with Sec-WebSocket-Accept = base64(SHA-1(key + GUID)) and the subprotocol",
    run: async (port) => {
      const { socket, key, response } = await rawHandshake(port);
      socket.destroy();
      if (response.status !== 101) throw new CaseFailure(`status ${response.status}`);
      if (response.headers["sec-websocket-accept"] !== expectedAccept(key)) {
        throw new CaseFailure("wrong Sec-WebSocket-Accept");
      }
      if (response.headers.upgrade?.toLowerCase() !== "websocket")
        throw new CaseFailure("no Upgrade");
    },
  }),
  refused400("4.2.1-no-key", "an upgrade without Sec-WebSocket-Key is refused with 400", {
    "Sec-WebSocket-Key": undefined,
  }),
  refused400(
    "4.2.1-bad-key",
    "a Sec-WebSocket-Key that is not 16 bytes base64 is refused with 400",
    { "Sec-WebSocket-Key": "c2hvcnQ=" },
  ),
  handshakeCase({
    id: "4.4-version",
    rfc: "§4.4",
    title: "an unsupported Sec-WebSocket-Version is refused with a 4xx naming version 13",
    run: async (port) => {
      const { socket, response } = await rawHandshake(port, { "Sec-WebSocket-Version": "12" });
      socket.destroy();
      if (response.status < 400 || response.status > 499) {
        throw new CaseFailure(`status ${response.status}`);
      }
      if (!(response.headers["sec-websocket-version"] ?? "").includes("13")) {
        throw new CaseFailure("no Sec-WebSocket-Version: 13 in the refusal");
      }
    },
  }),
];
