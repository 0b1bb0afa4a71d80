import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";

export const READYZ_PATH = "/readyz";

export interface ReadinessChecks {
  /** False from the start of shutdown: a load balancer stops sending new sockets here. */
  accepting(): boolean;
  /** Rejects when the store cannot answer. */
  pingStore(): Promise<void>;
  /** Whether the broker can publish and subscribe (always true in-process). */
  brokerReady(): boolean;
  nodeId: string;
  /**
   * Whether the body names the node and each check. Off in production: a public endpoint says only
   * ready or not (the failing checks go to the log). @default true
   */
  detail?: boolean;
}

const STORE_TIMEOUT_MS = 2_000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * `GET /readyz`: 200 `{status: "ready", node, checks}` when this node can serve, else 503 with the
 * failing checks (`{status}` alone without `detail`). Unlike `/healthz` (the process is alive), it fails while shutting down, when the
 * store does not answer, or while the broker is disconnected.
 */
export function createReadyz(checks: ReadinessChecks, log: Logger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    void (async () => {
      const store = await withTimeout(checks.pingStore(), STORE_TIMEOUT_MS).then(
        () => "ok",
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      const result = {
        accepting: checks.accepting() ? "ok" : "shutting down",
        store,
        broker: checks.brokerReady() ? "ok" : "disconnected",
      };
      const ready = Object.values(result).every((v) => v === "ok");
      if (!ready) log.debug({ checks: result }, "not ready");
      const status = ready ? "ready" : "not ready";
      const body = JSON.stringify(
        checks.detail === false ? { status } : { status, node: checks.nodeId, checks: result },
      );
      res.writeHead(ready ? 200 : 503, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        "content-length": Buffer.byteLength(body),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    })();
  };
}
