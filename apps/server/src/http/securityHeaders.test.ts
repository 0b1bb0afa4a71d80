import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./securityHeaders.js";

describe("contentSecurityPolicy", () => {
  it("allows WebSockets to the page's own host only", () => {
    const csp = contentSecurityPolicy("chat.example:8443");
    expect(csp).toContain("connect-src 'self' ws://chat.example:8443 wss://chat.example:8443;");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
  });

  it("drops a Host header that is not a plain host[:port] instead of echoing it", () => {
    const csp = contentSecurityPolicy("evil.example; script-src *");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain("evil");
  });
});
