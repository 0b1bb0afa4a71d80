import { z } from "zod";
import { MAX_PASSKEY_LABEL, PASSKEY_CHALLENGE_TTL_MS, PASSKEY_PATHS } from "./httpConstants.js";

export { MAX_PASSKEY_LABEL, PASSKEY_CHALLENGE_TTL_MS, PASSKEY_PATHS };

/** base64url without padding, bounded: what WebAuthn's JSON encodings carry. */
const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url");

/** A credential id (base64url; authenticators make them at most 1023 bytes). */
export const CredentialId = b64url(1400);

/** Transports as the browser reports them; unknown future ones are kept as text. */
const Transports = z.array(z.string().max(32)).max(8);

/**
 * A `PublicKeyCredential` as JSON: the envelope both ceremonies share, around the authenticator's
 * response (WebAuthn's `AuthenticatorResponse`: `clientDataJSON` plus the ceremony's own fields).
 */
const publicKeyCredential = <Fields extends z.ZodRawShape>(responseFields: Fields) =>
  z.object({
    id: CredentialId,
    rawId: CredentialId,
    type: z.literal("public-key"),
    response: z.object({ clientDataJSON: b64url(4096), ...responseFields }),
    authenticatorAttachment: z.string().max(32).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  });

/**
 * The browser's answer to `navigator.credentials.create` as JSON (`@simplewebauthn/browser`
 * `startRegistration`), plus an optional label for the passkey list.
 */
export const PasskeyRegisterVerifyRequest = z.strictObject({
  response: publicKeyCredential({
    attestationObject: b64url(8192),
    transports: Transports.optional(),
  }),
  label: z.string().trim().min(1).max(MAX_PASSKEY_LABEL).optional(),
});
export type PasskeyRegisterVerifyRequest = z.infer<typeof PasskeyRegisterVerifyRequest>;

/** The browser's answer to `navigator.credentials.get` as JSON (`startAuthentication`). */
export const PasskeyLoginVerifyRequest = z.strictObject({
  response: publicKeyCredential({
    authenticatorData: b64url(4096),
    signature: b64url(1024),
    userHandle: b64url(128).optional(),
  }),
});
export type PasskeyLoginVerifyRequest = z.infer<typeof PasskeyLoginVerifyRequest>;

/**
 * Answer of both `options` routes: the WebAuthn options to hand to the browser as they are
 * (`PublicKeyCredentialCreationOptionsJSON` / `PublicKeyCredentialRequestOptionsJSON`). Readers
 * keep fields they do not know.
 */
export const PasskeyOptionsResponse = z.object({
  options: z.looseObject({
    challenge: z.string(),
    rpId: z.string().optional(),
    rp: z.looseObject({ id: z.string().optional(), name: z.string() }).optional(),
    user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }).optional(),
    timeout: z.number().optional(),
    userVerification: z.string().optional(),
  }),
});
export type PasskeyOptionsResponse = z.infer<typeof PasskeyOptionsResponse>;

/** One passkey of the account, in the list and in the answer of registration. */
export const PasskeyInfo = z.object({
  id: CredentialId,
  label: z.string(),
  transports: z.array(z.string()),
  createdAt: z.number().int(),
  /** Absent until the passkey is first used to sign in. */
  lastUsedAt: z.number().int().optional(),
});
export type PasskeyInfo = z.infer<typeof PasskeyInfo>;

export const PasskeyRegisteredResponse = z.object({ passkey: PasskeyInfo });
export type PasskeyRegisteredResponse = z.infer<typeof PasskeyRegisteredResponse>;

export const PasskeysResponse = z.object({ passkeys: z.array(PasskeyInfo) });
export type PasskeysResponse = z.infer<typeof PasskeysResponse>;
