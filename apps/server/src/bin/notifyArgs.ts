import { parseArgs } from "node:util";
import { PushNotificationRequest } from "@duplex/protocol";

export const NOTIFY_USAGE = `Usage: pnpm notify --to all|user:<name>|room:<room> [--level info|success|warning|error]
                   [--url http://127.0.0.1:8080] "Title" ["body"]
Reads the bearer token from ADMIN_TOKEN; the URL defaults to DUPLEX_URL, else http://127.0.0.1:$PORT (8080).`;

export type NotifyArgs =
  { ok: true; url: string; request: PushNotificationRequest } | { ok: false; message: string };

function target(to: string): PushNotificationRequest["to"] | undefined {
  if (to === "all") return "all";
  const match = /^(user|room):(.+)$/s.exec(to);
  if (!match?.[2]) return undefined;
  return match[1] === "user" ? { user: match[2] } : { room: match[2] };
}

/** Parses `notify`'s command line; validates the request with the protocol's schema. Pure. */
export function parseNotifyArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): NotifyArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        to: { type: "string" },
        level: { type: "string", default: "info" },
        url: { type: "string" },
      },
    });
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  if (values.to === undefined) return { ok: false, message: "--to is required" };
  const to = target(values.to);
  if (!to) return { ok: false, message: `--to must be all, user:<name> or room:<room>` };
  if (positionals.length < 1 || positionals.length > 2) {
    return { ok: false, message: "give a title and at most one body" };
  }
  const request = PushNotificationRequest.safeParse({
    to,
    title: positionals[0],
    body: positionals[1] ?? "",
    level: values.level,
  });
  if (!request.success) {
    const problems = request.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    return { ok: false, message: problems.join("; ") };
  }
  const url = values.url ?? env.DUPLEX_URL ?? `http://127.0.0.1:${env.PORT ?? "8080"}`;
  return { ok: true, url: url.replace(/\/+$/, ""), request: request.data };
}
