import { z } from "zod";

/** The WebAuthn relying party, part of `Config`. */
export interface PasskeysConfig {
  /**
   * The relying-party id: the site's domain name (never an IP address: browsers refuse one).
   * @default the host name of each request's `Host`
   */
  rpId?: string;
  /**
   * The page origin the browser signs, e.g. `https://chat.example.com`.
   * @default `<proto>://<Host>` of each request (proto from `X-Forwarded-Proto`, else http)
   */
  origin?: string;
}

/** Environment variables of passkeys (merged into the server's env schema). */
export const PASSKEYS_ENV = {
  WEBAUTHN_RP_ID: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+$/, "must be a domain name, e.g. chat.example.com")
    .optional(),
  WEBAUTHN_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .transform((u) => new URL(u).origin)
    .optional(),
};

type PasskeysEnv = z.infer<ReturnType<typeof z.object<typeof PASSKEYS_ENV>>>;

export function passkeysFromEnv(e: PasskeysEnv): PasskeysConfig {
  return {
    ...(e.WEBAUTHN_RP_ID !== undefined && { rpId: e.WEBAUTHN_RP_ID }),
    ...(e.WEBAUTHN_ORIGIN !== undefined && { origin: e.WEBAUTHN_ORIGIN }),
  };
}
