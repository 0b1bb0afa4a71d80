import { PasskeyOptionsResponse } from "@duplex/protocol";
import { api } from "../accountsHttp.js";
import type { SoftAuthenticator } from "./softAuthenticator.js";

type Answer = Awaited<ReturnType<typeof api>>;

/** The WebAuthn options of a passkey options answer. */
export const optionsOf = (res: Answer) => PasskeyOptionsResponse.parse(res.json).options;

interface PasskeyRoute {
  /** Where the answer goes: another node sharing the database, or (default) the one asked. */
  verifyAt?: string;
  /** The local address both requests come from (sign-in budgets are per address). */
  from?: string;
}

/**
 * Adds `authenticator`'s passkey to the account of `token`, as the app does: options, then the
 * signed answer. Returns the verify answer (201 and the passkey when accepted).
 */
export async function addPasskey(
  httpUrl: string,
  token: string,
  authenticator: SoftAuthenticator,
  { verifyAt = httpUrl, label }: PasskeyRoute & { label?: string } = {},
): Promise<Answer> {
  const options = await api(httpUrl, "POST", "/api/auth/passkey-registration/options", { token });
  if (options.status !== 200) throw new Error(`passkey options answered ${options.status}`);
  const response = authenticator.register(optionsOf(options));
  return api(verifyAt, "POST", "/api/auth/passkey-registration/verify", {
    token,
    body: { response, ...(label !== undefined && { label }) },
  });
}

/** Signs in with `authenticator`'s passkey: options, then the signed answer (or the failed options). */
export async function passkeyLogin(
  httpUrl: string,
  authenticator: SoftAuthenticator,
  { verifyAt = httpUrl, from }: PasskeyRoute = {},
): Promise<Answer> {
  const options = await api(httpUrl, "POST", "/api/auth/passkey-login/options", {
    ...(from && { from }),
  });
  if (options.status !== 200) return options;
  return api(verifyAt, "POST", "/api/auth/passkey-login/verify", {
    body: { response: authenticator.authenticate(optionsOf(options)) },
    ...(from && { from }),
  });
}
