// The floor: what `ws` alone costs. Clients join the room named in `?room=`; every text message is
// broadcast as received to every socket in its room (the sender included, as Duplex and Socket.IO do).
import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const rooms = new Map<string, Set<WebSocket>>();
const server = createServer((_req, res) => res.writeHead(426).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 });

wss.on("connection", (socket, request) => {
  socket.on("error", () => socket.terminate());
  const room = new URL(request.url ?? "/", "http://x").searchParams.get("room") ?? "lobby";
  let members = rooms.get(room);
  if (!members) rooms.set(room, (members = new Set()));
  members.add(socket);
  const joined = members;
  socket.on("message", (data, isBinary) => {
    // One frame built once, sent to everyone: the same "serialise once" the others get.
    for (const member of joined) member.send(data, { binary: isBinary });
  });
  socket.on("close", () => joined.delete(socket));
});

// The accept queue the Duplex server asks for (its LISTEN_BACKLOG), so a storm meets the same kernel;
// with WS_LISTEN_DEFAULTS=1, Node's default (511), as a bare `new WebSocketServer({ port })` listens.
const backlog = process.env.WS_LISTEN_DEFAULTS === "1" ? undefined : 4_096;
const port = Number(process.env.PORT ?? 0);
server.listen({ port, host: "127.0.0.1", ...(backlog !== undefined && { backlog }) }, () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`LISTENING ${address.port}`);
});
process.on("SIGTERM", () => process.exit(0));
