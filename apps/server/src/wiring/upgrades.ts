import type { Server } from "node:http";
import type { WebSocketServer } from "ws";
import type { createCompareSockets } from "../compare/compareSockets.js";
import type { ServerContext } from "../context.js";
import { acceptConnection } from "../connection/acceptConnection.js";
import type { createEchoServer } from "../echo/echoServer.js";
import { checkUpgrade, isEchoUpgrade, refuseUpgrade } from "../http/upgrade.js";
import { recordHandshake } from "../inspector/handshakes.js";
import { addressKey } from "../limits/addressKey.js";
import type { ConnectionLimiter } from "../limits/connectionLimiter.js";

export interface UpgradeDeps {
  wss: WebSocketServer;
  echo: ReturnType<typeof createEchoServer>;
  compareSockets: ReturnType<typeof createCompareSockets>;
  /** `/ws`'s budget per address and in total. */
  limiter: ConnectionLimiter;
  /**
   * Its own budget: echo sockets opened from a victim's address (a foreign page, a tutorial left
   * open) never count against that address's `/ws` connections or handshakes.
   */
  echoLimiter: ConnectionLimiter;
  allowedOrigins(): ReadonlySet<string>;
  closing(): boolean;
}

/** Routes every WebSocket upgrade: the inspector's comparison, `/echo`, or `/ws` (after its checks). */
export function handleUpgrades(http: Server, ctx: ServerContext, deps: UpgradeDeps): void {
  const { config, log, now } = ctx;
  // Declared outside the upgrade callback: a closure made in there would share its scope and keep
  // every socket's upgrade request (headers, parser state) alive for the socket's life (memory per idle connection).
  const onUpgradeSocketError = (err: Error) =>
    log.debug({ err: err.message }, "upgrade socket error");
  http.on("upgrade", (req, socket, head) => {
    socket.on("error", onUpgradeSocketError);
    // The inspector's comparison: bounded by its runs (per user, address and node), not by /ws's budget.
    if (deps.compareSockets.handles(req)) {
      if (!deps.closing()) deps.compareSockets.handleUpgrade(req, socket, head);
      else refuseUpgrade(socket, { status: 503, body: "server shutting down" });
      return;
    }
    const toEcho = config.echo.enabled && isEchoUpgrade(req);
    // Counted before any other check, so a storm of bad handshakes is limited too.
    const limiter = toEcho ? deps.echoLimiter : deps.limiter;
    const admission = limiter.admit(addressKey(req.socket.remoteAddress ?? "unknown"), now());
    // The raw socket closes however the upgrade ends (refused, failed, or the WebSocket closed later).
    if (admission.ok) socket.once("close", admission.release);
    const refusal = !admission.ok
      ? { status: 429, body: admission.reason }
      : deps.closing()
        ? { status: 503, body: "server shutting down; reconnect shortly" }
        : checkUpgrade(req, deps.allowedOrigins(), config.echo.enabled);
    if (refusal) {
      log.info(
        { status: refusal.status, url: req.url, origin: req.headers.origin },
        "upgrade refused",
      );
      refuseUpgrade(socket, refusal);
      return;
    }
    if (toEcho) {
      deps.echo.handleUpgrade(req, socket, head);
      return;
    }
    deps.wss.handleUpgrade(req, socket, head, (ws) => {
      recordHandshake(ws, req);
      acceptConnection(ctx, ws, req.socket.remoteAddress ?? "unknown");
    });
  });
}
