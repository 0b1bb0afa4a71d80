import type { IncomingMessage, ServerResponse } from "node:http";

// A Host header is attacker-chosen; only a plain host[:port] may reach the policy text.
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The Content-Security-Policy of the built web app: everything from its own origin only, no inline
 * script or style, never framed (clickjacking). `connect-src` names the WebSocket origin of the same
 * host explicitly, since older browsers do not let `'self'` cover ws:/wss:.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const wsOrigins = host !== undefined && HOST.test(host) ? ` ws://${host} wss://${host}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // The favicon is an inline SVG data: URL (apps/web/index.html).
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${wsOrigins}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every HTTP response carries (set before the route writes its own). */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("content-security-policy", contentSecurityPolicy(req.headers.host));
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("x-frame-options", "DENY");
}
