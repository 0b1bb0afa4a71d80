import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PushNotificationRequest, type PushNotificationResponse } from "@duplex/protocol";
import type { Logger } from "../logger.js";
import { resolveTarget, type TargetDeps } from "../push/pushTargets.js";
import { checkBearer, type AuthFailures } from "./bearerAuth.js";
import type { Route } from "./requestHandler.js";

/** Path of the push API. */
export const NOTIFICATIONS_PATH = "/api/notifications";
/** Largest accepted request body; a bigger one answers 413. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface NotificationsApiOptions extends TargetDeps {
  /** Unset: the endpoint answers 404, as if it did not exist. */
  adminToken: string | undefined;
  /** Failed token attempts, throttled per address (shared with the other bearer-token routes). */
  authFailures: AuthFailures;
  log: Logger;
  now(): number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Reads the body, refusing (413) as soon as it grows past the limit instead of buffering it. */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return Promise.reject(new HttpError(413, `body over ${MAX_BODY_BYTES} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        reject(new HttpError(413, `body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "body is not valid JSON");
  }
}

/** `to.user: Invalid input` style: each problem with its path, so a caller can fix the request. */
function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join(".") : "body"}: ${i.message}`)
    .join("; ");
}

async function handle(
  options: NotificationsApiOptions,
  req: IncomingMessage,
): Promise<PushNotificationResponse> {
  if (options.adminToken === undefined) throw new HttpError(404, "not found");
  if (req.method !== "POST") {
    throw new HttpError(405, "use POST", { allow: "POST" });
  }
  const refusal = checkBearer(req, options.adminToken, options.authFailures, options.now());
  if (refusal) throw new HttpError(refusal.status, refusal.message, refusal.headers);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(415, "content-type must be application/json");
  }
  const parsed = PushNotificationRequest.safeParse(parseJson(await readBody(req)));
  if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
  const request = parsed.data;
  const target = await resolveTarget(options, request.to);
  if (!target.ok) throw new HttpError(404, target.message);
  const id = `n_${randomBytes(12).toString("base64url")}`;
  const recipients = await options.notifier.deliver(
    {
      id,
      kind: "system",
      title: request.title,
      body: request.body,
      level: request.level,
      ts: options.now(),
    },
    target.audience,
  );
  return { id, recipients };
}

/**
 * `POST /api/notifications` (Bearer `ADMIN_TOKEN`): another backend pushes a notification to all
 * users, one user or a room's members. Answers `202 {id, recipients}` or `{error}` with 400, 401,
 * 404 (disabled, unknown user/room), 405, 413, 415 or 429 (too many failed tokens, `Retry-After`).
 */
export function createNotificationsApi(options: NotificationsApiOptions): Route {
  return (req, res) => {
    handle(options, req).then(
      (answer) => {
        options.log.info({ ...answer }, "push API accepted");
        sendJson(res, 202, answer);
      },
      (err: unknown) => {
        if (err instanceof HttpError) {
          // Not reading the rest of a refused body: close rather than keep a half-read connection.
          const close: Record<string, string> = req.complete ? {} : { connection: "close" };
          sendJson(res, err.status, { error: err.message }, { ...err.headers, ...close });
          return;
        }
        options.log.error({ err }, "push API failed");
        sendJson(res, 500, { error: "internal server error" });
      },
    );
  };
}
