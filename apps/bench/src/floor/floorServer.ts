// The cheapest server a scenario can have: plain `net` sockets, no WebSocket library, no protocol, no
// storage. It only writes ready-made frames (FLOOR_MODE=write) or reads frames (FLOOR_MODE=read), so
// the CPU it uses per frame is the floor under any server's socket work on this machine (floor.ts).
import { createServer, type Socket } from "node:net";

const mode = process.env.FLOOR_MODE === "read" ? "read" : "write";
const sockets = Number(process.env.FLOOR_SOCKETS ?? 500);
const frames = Number(process.env.FLOOR_FRAMES ?? 100_000);
const perWrite = Math.max(1, Number(process.env.FLOOR_PER_WRITE ?? 1));
const frameBytes = Number(process.env.FLOOR_FRAME_BYTES ?? 150);
// Writes per event-loop turn: enough to keep the loop busy, few enough to let reads in between.
const WRITES_PER_TURN = 500;

/** An unmasked server text frame of `bytes` bytes in all (header included), as Duplex pre-frames them. */
function serverFrame(bytes: number): Buffer {
  const payloadLength = bytes - 4;
  const frame = Buffer.alloc(bytes, "x".charCodeAt(0));
  frame[0] = 0x81;
  frame[1] = 126;
  frame.writeUInt16BE(payloadLength, 2);
  return frame;
}

const connected: Socket[] = [];

/** Writes `frames` frames round-robin, `perWrite` to a socket per write (corked: one `writev`). */
function writeAll(): void {
  const frame = serverFrame(frameBytes);
  let written = 0;
  let next = 0;
  const turn = () => {
    for (let i = 0; i < WRITES_PER_TURN && written < frames; i++) {
      const socket = connected[next] as Socket;
      next = (next + 1) % connected.length;
      const batch = Math.min(perWrite, frames - written);
      if (batch === 1) socket.write(frame);
      else {
        socket.cork();
        for (let k = 0; k < batch; k++) socket.write(frame);
        socket.uncork();
      }
      written += batch;
    }
    if (written < frames) setImmediate(turn);
  };
  turn();
}

let readBytes = 0;
const expectedReadBytes = frames * frameBytes;

const server = createServer((socket) => {
  socket.setNoDelay(true);
  connected.push(socket);
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    if (mode === "write") {
      // The generator's one-byte "go" once every socket is connected and its CPU window is open.
      writeAll();
      return;
    }
    readBytes += chunk.length;
    if (readBytes >= expectedReadBytes) connected[0]?.write("!");
  });
});

server.listen({ port: 0, host: "127.0.0.1", backlog: Math.max(511, sockets) }, () => {
  const address = server.address();
  if (address !== null && typeof address === "object") console.log(`LISTENING ${address.port}`);
});
