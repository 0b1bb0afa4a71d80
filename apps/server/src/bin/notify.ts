import { NOTIFICATIONS_PATH } from "../http/notificationsApi.js";
import { NOTIFY_USAGE, parseNotifyArgs } from "./notifyArgs.js";

// `pnpm notify …`: POST /api/notifications from a shell. Exit 0 on 202, 1 on any failure, 2 on usage.
async function main(): Promise<number> {
  const args = parseNotifyArgs(process.argv.slice(2), process.env);
  if (!args.ok) {
    console.error(`notify: ${args.message}\n${NOTIFY_USAGE}`);
    return 2;
  }
  const token = process.env.ADMIN_TOKEN;
  if (token === undefined || token.trim() === "") {
    console.error("notify: set ADMIN_TOKEN to the server's admin token");
    return 2;
  }
  let res: Response;
  try {
    res = await fetch(`${args.url}${NOTIFICATIONS_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token.trim()}` },
      body: JSON.stringify(args.request),
    });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err;
    console.error(`notify: cannot reach ${args.url}: ${String(cause)}`);
    return 1;
  }
  const text = await res.text();
  if (res.status === 202) {
    console.log(text);
    return 0;
  }
  console.error(`notify: ${res.status} ${res.statusText}: ${text}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
