import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { COMPARE_LIMITS, COMPARE_PATHS } from "@duplex/protocol";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { checkOrigin, refuseUpgrade, type Refusal } from "../http/upgrade.js";
import { requestHeadBytes } from "../inspector/httpProbe.js";
import type { Logger } from "../logger.js";
import type { CompareRun } from "./CompareRun.js";
import type { CompareRuns } from "./CompareRuns.js";
import { FrameScanner } from "./frameScanner.js";

export interface CompareSocketsDeps {
  runs: CompareRuns;
  allowedOrigins: () => ReadonlySet<string>;
  log: Logger;
}

const pathOf = (req: IncomingMessage) => new URL(req.url ?? "/", "http://localhost").pathname;
const textOf = (data: RawData): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);

/**
 * The comparison's WebSocket endpoints: `ws` (permessage-deflate refused, as on `/ws` by default)
 * and `ws-deflate` (accepted with no size threshold, each frame's payload and wire bytes recorded).
 * A run takes one socket; the raw socket's byte counts go to the run's meter.
 */
export function createCompareSockets(deps: CompareSocketsDeps) {
  const common = { noServer: true, maxPayload: COMPARE_LIMITS.maxMessageBytes } as const;
  const plain = new WebSocketServer({ ...common, perMessageDeflate: false });
  const deflate = new WebSocketServer({ ...common, perMessageDeflate: { threshold: 0 } });
  const taken = new WeakSet<CompareRun>();

  function refusal(req: IncomingMessage): Refusal | CompareRun {
    const origin = checkOrigin(req, deps.allowedOrigins());
    if (origin) return origin;
    const id = new URL(req.url ?? "/", "http://localhost").searchParams.get("run") ?? "";
    const run = deps.runs.get(id);
    const mode = pathOf(req) === COMPARE_PATHS.wsDeflate ? "deflate" : "websocket";
    if (!run || run.mode !== mode || taken.has(run)) {
      return { status: 404, body: "no such comparison run for this endpoint" };
    }
    return run;
  }

  function serve(run: CompareRun, ws: WebSocket, socket: Socket, headIn: number): void {
    run.meter.webSocket(socket);
    run.meter.handshakeHead(headIn + socket.bytesWritten);
    run.onClose(() => ws.close(1000, "run ended"));
    const recording = run.mode === "deflate";
    // Inbound sizes come from the frames' own heads: a message event may come long after its bytes
    // were read (inflate runs on the thread pool), so socket byte counts cannot be split per frame.
    const inbound: number[] = [];
    if (recording) {
      const scanner = new FrameScanner((wire) => inbound.push(wire));
      socket.on("data", (chunk: Buffer) => scanner.push(chunk));
    }
    let sending: Promise<void> = Promise.resolve();
    ws.on("message", (data, isBinary) => {
      const payload = textOf(data);
      if (recording) {
        const wire = inbound.shift() ?? 0;
        run.frames.push({ direction: "in", payloadBytes: payload.length, wireBytes: wire });
      }
      if (!run.accept(payload.toString("utf8"))) {
        ws.close(1008, "message cap reached");
        return;
      }
      // One send at a time, so each callback's byte delta is that frame's alone.
      sending = sending.then(
        () =>
          new Promise<void>((resolve) => {
            const before = socket.bytesWritten;
            ws.send(payload, { binary: isBinary }, (err) => {
              if (!err) {
                run.sentNow();
                if (recording) {
                  const wire = socket.bytesWritten - before;
                  run.frames.push({
                    direction: "out",
                    payloadBytes: payload.length,
                    wireBytes: wire,
                  });
                }
              }
              resolve();
            });
          }),
      );
    });
  }

  return {
    /** Whether `req` is an upgrade for one of these endpoints. */
    handles(req: IncomingMessage): boolean {
      const path = pathOf(req);
      return path === COMPARE_PATHS.ws || path === COMPARE_PATHS.wsDeflate;
    },
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const found = refusal(req);
      if (!("id" in found)) {
        refuseUpgrade(socket, found);
        return;
      }
      taken.add(found);
      const headIn = requestHeadBytes(req);
      const server = found.mode === "deflate" ? deflate : plain;
      server.handleUpgrade(req, socket, head, (ws) => {
        ws.on("error", (err) => deps.log.debug({ err: err.message }, "compare socket error"));
        if (found.closed) ws.close(1000, "run ended");
        else serve(found, ws, socket as Socket, headIn);
      });
    },
    close(): void {
      for (const ws of [...plain.clients, ...deflate.clients]) ws.terminate();
      plain.close();
      deflate.close();
    },
  };
}
