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

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`LISTENING ${address.port}`);
});
process.on("SIGTERM", () => process.exit(0));
