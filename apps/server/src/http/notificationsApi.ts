import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { PushNotificationRequest, type PushNotificationResponse } from "@duplex/protocol";
import type { Logger } from "../logger.js";
import { resolveTarget, type TargetDeps } from "../push/pushTargets.js";
import { checkBearer, type AuthFailures } from "./bearerAuth.js";
import { HttpError, describeIssues, readJson, sendFailure, sendJson } from "./jsonApi.js";
import type { Route } from "./requestHandler.js";

/** Path of the push API. */
export const NOTIFICATIONS_PATH = "/api/notifications";

export interface NotificationsApiOptions extends TargetDeps {
  /** Unset: the endpoint answers 404, as if it did not exist. */
  adminToken: string | undefined;
  /** Failed token attempts, throttled per address (shared with the other bearer-token routes). */
  authFailures: AuthFailures;
  log: Logger;
  now(): number;
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
  const parsed = PushNotificationRequest.safeParse(await readJson(req));
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
      (err: unknown) =>
        sendFailure(req, res, err, (unexpected) =>
          options.log.error({ err: unexpected }, "push API failed"),
        ),
    );
  };
}
