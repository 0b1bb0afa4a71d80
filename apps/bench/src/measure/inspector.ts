import { WebSocket } from "ws";

/** How long a full collection through the inspector may take before the read goes on without it. */
const GC_TIMEOUT_MS = 30_000;

/** Node flag that opens the inspector of a target process on `port` (loopback only). */
export function inspectFlag(port: number): string {
  return `--inspect=127.0.0.1:${port}`;
}

/** A DevTools protocol session with one process: commands and their replies, in order of ids. */
export interface InspectorSession {
  /** Sends `method`; resolves with its result, rejects with its error or after `timeoutMs`. */
  call(method: string, params?: object, timeoutMs?: number): Promise<unknown>;
  close(): void;
}

/** Opens a session with the process whose inspector listens on `port`. */
export async function openInspector(port: number): Promise<InspectorSession> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl?: string;
  }>;
  const url = list[0]?.webSocketDebuggerUrl;
  if (url === undefined) throw new Error(`no inspector target on port ${port}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let lastId = 0;
  const waiting = new Map<number, (reply: { result?: unknown; error?: unknown }) => void>();
  socket.on("message", (data: Buffer) => {
    const reply = JSON.parse(data.toString("utf8")) as { id?: number; result?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  return {
    call: (method, params = {}, timeoutMs) =>
      new Promise<unknown>((resolve, reject) => {
        const id = ++lastId;
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => reject(new Error(`${method} timed out`)), timeoutMs);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          waiting.delete(id);
          if (reply.error === undefined) resolve(reply.result);
          else reject(new Error(JSON.stringify(reply.error)));
        });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/**
 * Runs a full garbage collection in the process whose inspector listens on `port` (Chrome DevTools
 * Protocol, `HeapProfiler.collectGarbage`), so an RSS read after it counts what the process holds,
 * not the garbage and young generation a storm left behind. Works the same for every target.
 */
export async function collectGarbage(port: number): Promise<void> {
  const session = await openInspector(port);
  try {
    await session.call("HeapProfiler.collectGarbage", {}, GC_TIMEOUT_MS);
  } finally {
    session.close();
  }
}
