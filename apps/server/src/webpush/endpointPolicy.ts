import { isIP } from "node:net";
import { WEB_PUSH_LIMITS } from "@duplex/protocol";

/**
 * Why `endpoint` is not a push service this server will POST to, or undefined when it is. Only
 * `https:` on the default port to a named host: a subscription is user input, and an address like
 * `https://10.0.0.5:8443/admin` would turn the server into a request forwarder into its own network.
 * `allowInsecure` (tests) also admits `http://127.0.0.1:<port>`, where a local push service runs.
 */
export function endpointProblem(endpoint: string, allowInsecure: boolean): string | undefined {
  if (endpoint.length > WEB_PUSH_LIMITS.maxEndpointLength) return "endpoint is too long";
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "endpoint is not a URL";
  }
  if (url.username !== "" || url.password !== "") return "endpoint must not carry credentials";
  if (allowInsecure && url.protocol === "http:" && url.hostname === "127.0.0.1") return undefined;
  if (url.protocol !== "https:") return "endpoint must be an https: push service";
  if (url.port !== "") return "endpoint must use the default https port";
  const host = url.hostname;
  if (isIP(host.replace(/^\[|\]$/g, "")) !== 0 || host === "localhost" || !host.includes(".")) {
    return "endpoint must name a push service host";
  }
  return undefined;
}

/** The origin shown for a device (`https://fcm.googleapis.com`): the endpoint itself is a secret. */
export function endpointOrigin(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return "unknown";
  }
}
