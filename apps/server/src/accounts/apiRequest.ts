import type { IncomingMessage } from "node:http";
import type { AuditAction } from "@duplex/protocol";
import type { z } from "zod";
import { HttpError, describeIssues, readJson } from "../http/jsonApi.js";
import type { Store } from "../store/Store.js";

/** `value` as `schema` reads it; what does not fit is a 400 that names the fields. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
  return parsed.data;
}

export function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method) throw new HttpError(405, `use ${method}`, { allow: method });
}

/** The JSON body, as `schema` reads it (400 when it does not fit). */
export async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  return parse(schema, await readJson(req));
}

/** The last segment of the path, decoded: the id in `DELETE …/<id>`. */
export function lastPathSegment(req: IncomingMessage): string {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
}

/** One line of the audit log: `actor` did `action` to `target`, now. */
export function recordAudit(
  deps: { store: Store; now(): number },
  actor: { id: string },
  action: AuditAction,
  entry: { target: string; detail: string },
): Promise<void> {
  return deps.store.accounts.audit({
    ts: deps.now(),
    actorId: actor.id,
    action,
    targetId: entry.target,
    detail: entry.detail,
  });
}
