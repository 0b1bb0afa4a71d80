import webPush from "web-push";
import type { PushSubscriptionRecord } from "../store/WebPushStore.js";

/** What became of one request to a push service. */
export type PushOutcome =
  /** Accepted (201 or another 2xx). */
  | { kind: "sent"; status: number }
  /** The subscription is gone (404 or 410): forget it. */
  | { kind: "gone"; status: number }
  /** Try again later (429, 5xx, a timeout or a network error); `retryAfterMs` from the service. */
  | { kind: "retry"; status: number | "timeout" | "network"; retryAfterMs?: number }
  /** Refused for good (400, 401, 403, 413, a redirect, …): retrying would not help. */
  | { kind: "failed"; status: number | "redirect" | "invalid" };

export interface PushRequestOptions {
  vapid: { subject: string; publicKey: string; privateKey: string };
  ttlSeconds: number;
  urgency: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered push with the same topic at the push service (≤ 32 base64url chars). */
  topic?: string;
  timeoutMs: number;
}

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Sorts a push service's answer into what to do next (RFC 8030 §5, §6.2; RFC 8292). */
export function classify(status: number, retryAfter: number | undefined): PushOutcome {
  if (status >= 200 && status < 300) return { kind: "sent", status };
  if (status === 404 || status === 410) return { kind: "gone", status };
  if (status === 429 || status >= 500) {
    return { kind: "retry", status, ...(retryAfter !== undefined && { retryAfterMs: retryAfter }) };
  }
  if (status >= 300 && status < 400) return { kind: "failed", status: "redirect" };
  return { kind: "failed", status };
}

/**
 * Encrypts (aes128gcm) and signs (VAPID) `payload` with `web-push`, then POSTs it with `fetch`:
 * web-push's own sender speaks only https, and `fetch` gives the bounded timeout and a redirect
 * policy of never following (a push service does not redirect; a 3xx is refused, not obeyed).
 */
export async function sendPush(
  sub: Pick<PushSubscriptionRecord, "endpoint" | "p256dh" | "auth">,
  payload: string,
  options: PushRequestOptions,
): Promise<PushOutcome> {
  let details: ReturnType<typeof webPush.generateRequestDetails>;
  try {
    details = webPush.generateRequestDetails(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      payload,
      {
        vapidDetails: options.vapid,
        TTL: options.ttlSeconds,
        urgency: options.urgency,
        contentEncoding: "aes128gcm",
        ...(options.topic !== undefined && { topic: options.topic }),
      },
    );
  } catch {
    // Keys the browser never made (wrong curve point, wrong length): nothing to send to.
    return { kind: "failed", status: "invalid" };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(details.headers)) {
    // fetch sets the length of the body it sends itself.
    if (name.toLowerCase() !== "content-length") headers[name] = String(value);
  }
  try {
    const res = await fetch(details.endpoint, {
      method: "POST",
      headers,
      body: new Uint8Array(details.body ?? []),
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Only the status matters; the body is drained so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    return classify(res.status, retryAfterMs(res.headers.get("retry-after"), Date.now()));
  } catch (err) {
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    return { kind: "retry", status: timedOut ? "timeout" : "network" };
  }
}
