import type { IncomingMessage } from "node:http";
import { HttpError } from "../http/jsonApi.js";
import type { PasskeysConfig } from "./passkeysConfig.js";

/** Who the browser must have signed for: the RP id and the page origin. */
export interface RelyingParty {
  id: string;
  origin: string;
}

const firstValue = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();

/**
 * The relying party of this request: the configured one, else derived from `Host` (and
 * `X-Forwarded-Proto` behind a proxy). A forged `Host` gains nothing: the authenticator signs the
 * RP id and origin the browser really used, and those must match what is checked here.
 */
export function relyingParty(config: PasskeysConfig, req: IncomingMessage): RelyingParty {
  const host = req.headers.host ?? "localhost";
  const proto = firstValue(req.headers["x-forwarded-proto"]) === "https" ? "https" : "http";
  let hostname: string;
  try {
    hostname = new URL(`${proto}://${host}`).hostname;
  } catch {
    throw new HttpError(400, "bad Host header");
  }
  return {
    id: config.rpId ?? hostname,
    origin: config.origin ?? `${proto}://${host}`,
  };
}
