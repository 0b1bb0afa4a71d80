import { WebSocket } from "ws";

/** How long a full collection through the inspector may take before the read goes on without it. */
const GC_TIMEOUT_MS = 30_000;

/** Node flag that opens the inspector of a target process on `port` (loopback only). */
export function inspectFlag(port: number): string {
  return `--inspect=127.0.0.1:${port}`;
}

/**
 * Runs a full garbage collection in the process whose inspector listens on `port` (Chrome DevTools
 * Protocol, `HeapProfiler.collectGarbage`), so an RSS read after it counts what the process holds,
 * not the garbage and young generation a storm left behind. Works the same for every target.
 */
export async function collectGarbage(port: number): Promise<void> {
  const socket = new WebSocket(await inspectorSocketUrl(port));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("collectGarbage timed out")), GC_TIMEOUT_MS);
      socket.once("error", reject);
      socket.once("open", () =>
        socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" })),
      );
      socket.on("message", (data: Buffer) => {
        const reply = JSON.parse(data.toString("utf8")) as { id?: number; error?: unknown };
        if (reply.id !== 1) return;
        clearTimeout(timer);
        if (reply.error !== undefined) reject(new Error(JSON.stringify(reply.error)));
        else resolve();
      });
    });
  } finally {
    socket.close();
  }
}

/** The DevTools WebSocket address of the process whose inspector listens on `port`. */
export async function inspectorSocketUrl(port: number): Promise<string> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl?: string;
  }>;
  const url = list[0]?.webSocketDebuggerUrl;
  if (url === undefined) throw new Error(`no inspector target on port ${port}`);
  return url;
}
