import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";
import { protocolRoutes } from "./protocolRoutes.js";
import { applySecurityHeaders } from "./securityHeaders.js";
import { hasWebApp, serveStatic } from "./staticFiles.js";

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

import type { Route } from "./route.js";

export type { Route } from "./route.js";

/**
 * Plain HTTP: `/healthz`, `/asyncapi.json`, `/api/protocol`, `routes` by exact path (e.g.
 * `/api/notifications`), and the built web app
 * when `webDist` holds one (production).
 */
export function createRequestHandler(
  webDist: string,
  log: Logger,
  routes: ReadonlyMap<string, Route> = new Map(),
) {
  const serveApp = hasWebApp(webDist);
  const builtIn = protocolRoutes();
  log.info({ webDist, serveApp }, serveApp ? "serving the web app" : "no built web app to serve");
  return (req: IncomingMessage, res: ServerResponse): void => {
    applySecurityHeaders(req, res);
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz" && (method === "GET" || method === "HEAD")) {
      sendJson(res, 200, { status: "ok" });
      return;
    }
    // `/a/b/*` owns every `/a/b/<x>` (a resource id in the last segment).
    const route =
      routes.get(path) ??
      builtIn.get(path) ??
      routes.get(`${path.slice(0, path.lastIndexOf("/"))}/*`) ??
      deepRoute(routes, path);
    if (route) {
      route(req, res);
      return;
    }
    if (
      serveApp &&
      (method === "GET" || method === "HEAD") &&
      serveStatic(webDist, path, method, res)
    ) {
      return;
    }
    sendJson(res, 404, { error: "not found" });
  };
}

/** `/a/**` owns every path below `/a/` at any depth (files: `/files/<id>/thumb`). */
function deepRoute(routes: ReadonlyMap<string, Route>, path: string): Route | undefined {
  for (const [key, route] of routes) {
    if (key.endsWith("/**") && path.startsWith(key.slice(0, -2))) return route;
  }
  return undefined;
}
