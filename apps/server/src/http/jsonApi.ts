import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest accepted JSON request body; a bigger one answers 413. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

/** An HTTP answer other than success: status, message for `{error}`, extra headers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

/** The bearer token of `Authorization`, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1]?.trim();
}

/** Reads a body of content type `type`, refusing (413) as soon as it grows past `maxBytes`. */
export async function readBody(
  req: IncomingMessage,
  type: string,
  maxBytes: number,
): Promise<Buffer> {
  const given = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (given !== type) throw new HttpError(415, `content-type must be ${type}`);
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) {
    throw new HttpError(413, `body over ${maxBytes} bytes`);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners("data");
        reject(new HttpError(413, `body over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Reads a JSON body (content-type checked), refusing (413) as soon as it grows past the limit. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, "application/json", MAX_JSON_BODY_BYTES)).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "body is not valid JSON");
  }
}

/** `name: Invalid input` style: each problem with its path, so a caller can fix the request. */
export function describeIssues(error: {
  issues: { path: PropertyKey[]; message: string }[];
}): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join(".") : "body"}: ${i.message}`)
    .join("; ");
}

/** Answers an {@link HttpError} as `{error}`, anything else as 500 (after `onUnexpected`). */
export function sendFailure(
  req: IncomingMessage,
  res: ServerResponse,
  err: unknown,
  onUnexpected: (err: unknown) => void,
): void {
  if (err instanceof HttpError) {
    // Not reading the rest of a refused body: close rather than keep a half-read connection.
    const close: Record<string, string> = req.complete ? {} : { connection: "close" };
    sendJson(res, err.status, { error: err.message }, { ...err.headers, ...close });
    return;
  }
  onUnexpected(err);
  sendJson(res, 500, { error: "internal server error" });
}
