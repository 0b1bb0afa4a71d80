// What one core can do at best with sockets on this machine: the CPU a bare `net` server (floorServer.ts,
// pinned to the server core) uses per frame written (1 to 16 frames per write) and per frame
// read, with this process as the clients on the generator core. From it, the highest persisted-send
// rate scenario b could reach if the server did nothing but its socket work (see the bench README,
// "The ceiling of one core"). Not a test:
//   pnpm --filter @duplex/bench floor [--frames=400000] [--sockets=500] [--read-rate=20000]
import { connect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { maskedFrame, Opcode } from "@duplex/rawsocket";
import { pinGenerator, SERVER_CORE } from "../machine.js";
import { processCpuSeconds } from "../measure/cpu.js";
import { launchTarget } from "../targets/targetProcess.js";

const SERVER_ENTRY = fileURLToPath(new URL("./floorServer.ts", import.meta.url));
/** A chat `message` frame of scenario b is ~330 bytes; its `ack` ~60. */
export const FRAME_BYTES = 300;
/** Client addresses, as the bench's generator uses: many 127.0.0.x sources, not one. */
const ADDRESSES = 100;

export interface FloorOptions {
  /** Frames per case. */
  frames: number;
  sockets: number;
  /** Frames per second the clients send in the read case (paced, one frame per socket write). */
  readRate: number;
}

export interface FloorRow {
  case: string;
  frames: number;
  serverCpuSeconds: number;
  /** Server CPU per frame, µs. */
  microsPerFrame: number;
}

/** Opens `count` client sockets to `port` and resolves when all are connected. */
async function openClients(port: number, count: number): Promise<Socket[]> {
  const opened = Array.from(
    { length: count },
    (_, i) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({
          port,
          host: "127.0.0.1",
          localAddress: `127.0.0.${1 + (i % ADDRESSES)}`,
        });
        socket.setNoDelay(true);
        socket.once("connect", () => resolve(socket));
        socket.once("error", reject);
      }),
  );
  return Promise.all(opened);
}

async function runCase(
  name: string,
  env: Record<string, string>,
  options: FloorOptions,
  drive: (clients: Socket[]) => Promise<void>,
): Promise<FloorRow> {
  const server = await launchTarget({
    entry: SERVER_ENTRY,
    readiness: "stdout",
    core: SERVER_CORE,
    env: {
      ...env,
      FLOOR_SOCKETS: String(options.sockets),
      FLOOR_FRAMES: String(options.frames),
      FLOOR_FRAME_BYTES: String(FRAME_BYTES),
    },
  });
  const clients = await openClients(server.port, options.sockets);
  try {
    const before = processCpuSeconds(server.pid);
    await drive(clients);
    const serverCpuSeconds = processCpuSeconds(server.pid) - before;
    return {
      case: name,
      frames: options.frames,
      serverCpuSeconds,
      microsPerFrame: (serverCpuSeconds * 1e6) / options.frames,
    };
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
  }
}

/** The server writes every frame; resolves when the clients have read them all. */
function writeCase(perWrite: number, options: FloorOptions): Promise<FloorRow> {
  const name = perWrite === 1 ? "write, 1 frame per write" : `write, ${perWrite} frames per write`;
  return runCase(
    name,
    { FLOOR_MODE: "write", FLOOR_PER_WRITE: String(perWrite) },
    options,
    (clients) => {
      const expected = options.frames * FRAME_BYTES;
      let received = 0;
      return new Promise<void>((resolve) => {
        for (const client of clients) {
          client.on("data", (chunk: Buffer) => {
            received += chunk.length;
            if (received >= expected) resolve();
          });
        }
        clients[0]?.write("g");
      });
    },
  );
}

/** The clients send every frame, paced and spread over the sockets; resolves when the server has read them. */
function readCase(options: FloorOptions): Promise<FloorRow> {
  return runCase("read, 1 frame per read", { FLOOR_MODE: "read" }, options, (clients) => {
    const frame = maskedFrame(Opcode.Text, Buffer.alloc(FRAME_BYTES - 8, "x"));
    return new Promise<void>((resolve) => {
      clients[0]?.once("data", () => resolve());
      const started = performance.now();
      let sent = 0;
      let next = 0;
      const pace = setInterval(() => {
        const due = Math.min(
          options.frames,
          Math.floor(((performance.now() - started) / 1000) * options.readRate),
        );
        for (; sent < due; sent++) {
          (clients[next] as Socket).write(frame);
          next = (next + 1) % clients.length;
        }
        if (sent >= options.frames) clearInterval(pace);
      }, 1);
    });
  });
}

/** Every case, one after another, each with its own server process. */
export async function measureFloor(options: FloorOptions): Promise<FloorRow[]> {
  const rows: FloorRow[] = [];
  for (const perWrite of [1, 2, 4, 8, 16]) rows.push(await writeCase(perWrite, options));
  rows.push(await readCase(options));
  return rows;
}

/**
 * The most sends per second one core could carry in scenario b (rooms of ten: ten copies written, one
 * frame read per send, the ack riding with the sender's own copy) if socket work were all it did.
 */
export function socketCeiling(writeMicros: number, readMicros: number, copies = 10): number {
  return 1e6 / (copies * writeMicros + readMicros);
}

function flag(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : Number(arg.slice(name.length + 3));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const note = pinGenerator();
  if (note !== undefined) console.log(`note: ${note}`);
  const options: FloorOptions = {
    frames: flag("frames", 400_000),
    sockets: flag("sockets", 500),
    readRate: flag("read-rate", 20_000),
  };
  const rows = await measureFloor(options);
  console.log(
    `socket floor (bare net server on core ${SERVER_CORE}, ${options.sockets} sockets, ${FRAME_BYTES}-byte frames), ${new Date().toISOString()}`,
  );
  for (const row of rows) {
    console.log(
      `${row.case.padEnd(26)} ${row.frames} frames  server CPU ${row.serverCpuSeconds.toFixed(2)} s  ${row.microsPerFrame.toFixed(2)} µs/frame`,
    );
  }
  const read = rows.find((r) => r.case.startsWith("read"))?.microsPerFrame ?? 0;
  for (const row of rows.filter((r) => r.case.startsWith("write"))) {
    console.log(
      `ceiling of scenario b on one core at "${row.case}", sockets only: ${Math.round(socketCeiling(row.microsPerFrame, read))} sends/s`,
    );
  }
}
