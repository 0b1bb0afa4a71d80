// What most people would pick: Socket.IO v4, websocket transport only, a room broadcast per message.
import { createServer } from "node:http";
import { Server } from "socket.io";

const server = createServer();
const io = new Server(server, { transports: ["websocket"], perMessageDeflate: false });

io.on("connection", (socket) => {
  const room = socket.handshake.query.room;
  const name = typeof room === "string" ? room : "lobby";
  void socket.join(name);
  socket.on("m", (text: unknown) => {
    io.to(name).emit("m", text);
  });
});

// The accept queue the Duplex server asks for (its LISTEN_BACKLOG), so a storm meets the same kernel.
const backlog = 4_096;
server.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1", backlog }, () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`LISTENING ${address.port}`);
});
process.on("SIGTERM", () => process.exit(0));
