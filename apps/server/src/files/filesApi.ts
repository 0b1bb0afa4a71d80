import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { FILES_PATH, FILE_URL_API_PATH, type FileUrlReply } from "@duplex/protocol";
import { authenticate } from "../accounts/authApi.js";
import { HttpError, sendFailure, sendJson } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import { assertMayAccess } from "../handlers/access.js";
import type { Logger } from "../logger.js";
import type { Sessions } from "../session/Sessions.js";
import type { Store } from "../store/Store.js";
import type { FileRecord } from "./FileRecords.js";
import type { Files } from "./Files.js";
import { INLINE_IMAGES } from "./inspectFile.js";
import { checkSignature, signedQuery } from "./signedUrls.js";

export interface FilesApiDeps {
  files: Files;
  store: Store;
  sessions: Sessions;
  secret: string;
  log: Logger;
  now: () => number;
}

// Not found, whether the file is missing or the reader may not see its room: no probing for ids.
const notFound = () => new HttpError(404, "not found");

/** The record if the bearer may read its room. */
async function readable(deps: FilesApiDeps, req: IncomingMessage, id: string): Promise<FileRecord> {
  const record = await deps.files.records.get(id);
  const { userId } = await authenticate(deps, req);
  const user = await deps.store.getUser(userId);
  if (!record || !user) throw notFound();
  await assertMayAccess(deps.store, user, record.room).catch(() => {
    throw notFound();
  });
  return record;
}

/** `GET /api/files/<id>/url`: a signed URL for `<img src>`, to members of the file's room. */
async function fileUrl(
  deps: FilesApiDeps,
  req: IncomingMessage,
  id: string,
): Promise<FileUrlReply> {
  const record = await readable(deps, req, id);
  const expiresAt = deps.now() + deps.files.config.urlTtlMs;
  const query = signedQuery(deps.secret, record.id, expiresAt);
  const base = `${FILES_PATH}/${encodeURIComponent(record.id)}`;
  const reply: FileUrlReply = {
    url: `${base}?${query}`,
    ...(record.thumbSha256 !== undefined && { thumbUrl: `${base}/thumb?${query}` }),
    expiresAt,
  };
  return reply;
}

/** Parses one `bytes=a-b` range against `size`; undefined for none, "bad" when unsatisfiable. */
function range(header: string | undefined, size: number): [number, number] | undefined | "bad" {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/u.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "bad";
  if (m[1] === "") {
    const suffix = Math.min(Number(m[2]), size);
    return suffix === 0 ? "bad" : [size - suffix, size];
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size : Math.min(Number(m[2]) + 1, size);
  return start >= size || end <= start ? "bad" : [start, end];
}

const contentDisposition = (kind: "inline" | "attachment", name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]|["\\]/gu, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** `GET /files/<id>` and `/files/<id>/thumb`: signed URL or bearer token, Range, ETag. */
async function download(
  deps: FilesApiDeps,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  thumb: boolean,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    throw new HttpError(405, "use GET", { allow: "GET, HEAD" });
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const signed = checkSignature(
    deps.secret,
    id,
    url.searchParams.get("exp"),
    url.searchParams.get("sig"),
    deps.now(),
  );
  const record = signed ? await deps.files.records.get(id) : await readable(deps, req, id);
  if (!record) throw notFound();
  const sha256 = thumb ? record.thumbSha256 : record.sha256;
  if (sha256 === undefined) throw notFound();
  const mime = thumb ? "image/webp" : record.mime;
  const etag = `"${sha256}"`;
  // User content may never run in the app's origin: sandboxed, never sniffed, images only inline.
  res.setHeader("content-security-policy", "sandbox; default-src 'none'; img-src 'self'");
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("cache-control", "private, max-age=3600");
  res.setHeader("etag", etag);
  res.setHeader("accept-ranges", "bytes");
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304).end();
    return;
  }
  const inline = thumb || INLINE_IMAGES.has(record.mime);
  res.setHeader("content-type", inline ? mime : "application/octet-stream");
  res.setHeader(
    "content-disposition",
    contentDisposition(inline ? "inline" : "attachment", record.name),
  );
  const size = thumb ? undefined : record.size;
  const wanted = size === undefined ? undefined : range(req.headers.range, size);
  if (wanted === "bad") {
    res.writeHead(416, { "content-range": `bytes */${size ?? 0}` }).end();
    return;
  }
  if (thumb) {
    const stream = await deps.files.blobs.read(sha256, 0, Number.MAX_SAFE_INTEGER);
    res.writeHead(200);
    if (req.method === "HEAD") return void res.end();
    await pipeline(stream, res);
    return;
  }
  const total = record.size;
  const [start, end] = wanted ?? [0, total];
  const stream = await deps.files.blobs.read(sha256, start, end);
  res.setHeader("content-length", String(end - start));
  if (wanted) {
    res.writeHead(206, { "content-range": `bytes ${start}-${end - 1}/${total}` });
  } else res.writeHead(200);
  if (req.method === "HEAD") {
    stream.destroy();
    res.end();
    return;
  }
  await pipeline(stream, res);
}

/** The file routes: `/files/**` and `/api/files/**` (prefix routes, see requestHandler.ts). */
export function filesRoutes(deps: FilesApiDeps): [string, Route][] {
  const handle =
    (
      run: (req: IncomingMessage, res: ServerResponse, parts: string[]) => Promise<unknown>,
    ): Route =>
    (req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const parts = path
        .split("/")
        .filter((p) => p !== "")
        .map(decodeURIComponent);
      run(req, res, parts).then(
        (answer) => {
          if (answer !== undefined) sendJson(res, 200, answer);
        },
        (err: unknown) => {
          if (res.headersSent) return void res.destroy();
          sendFailure(req, res, err, (e) => deps.log.error({ err: e }, "files API failed"));
        },
      );
    };
  return [
    [
      `${FILES_PATH}/**`,
      handle(async (req, res, parts) => {
        // ["files", id] or ["files", id, "thumb"]
        const [, id, tail] = parts;
        if (id === undefined || parts.length > 3 || (tail !== undefined && tail !== "thumb")) {
          throw notFound();
        }
        await download(deps, req, res, id, tail === "thumb");
      }),
    ],
    [
      `${FILE_URL_API_PATH}/**`,
      handle(async (req, _res, parts) => {
        // ["api", "files", id, "url"]
        const [, , id, tail] = parts;
        if (id === undefined || tail !== "url" || parts.length !== 4) throw notFound();
        if (req.method !== "GET") throw new HttpError(405, "use GET", { allow: "GET" });
        return fileUrl(deps, req, id);
      }),
    ],
  ];
}
