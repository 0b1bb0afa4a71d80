import { createReadStream, statSync, type Stats } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

function fileStats(path: string): Stats | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `root` holds a built web app. */
export function hasWebApp(root: string): boolean {
  return fileStats(join(root, "index.html")) !== undefined;
}

/**
 * Resolves a URL path to a file under `root`, or undefined. Rejects anything that would leave `root`
 * (`..`, encoded `%2e%2e`, NUL) before touching the disk.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const full = normalize(join(root, decoded));
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  return full.startsWith(base) ? full : undefined;
}

/**
 * Serves a built single-page app: existing files with their content type (hashed assets cached long),
 * and index.html for client routes (paths without an extension). Returns false when nothing matched.
 */
export function serveStatic(
  root: string,
  urlPath: string,
  method: string,
  res: ServerResponse,
): boolean {
  const resolved = resolveStaticPath(root, urlPath);
  if (resolved === undefined) return false;
  let path = resolved;
  let stats = fileStats(path);
  if (!stats && extname(urlPath) === "") {
    path = join(root, "index.html");
    stats = fileStats(path);
  }
  if (!stats) return false;
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
  const immutable = urlPath.startsWith("/assets/");
  res.writeHead(200, {
    "content-type": type,
    "content-length": stats.size,
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
  });
  if (method === "HEAD") res.end();
  else createReadStream(path).pipe(res);
  return true;
}
