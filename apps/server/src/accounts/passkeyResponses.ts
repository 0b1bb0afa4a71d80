import type {
  AuthenticationResponseJSON,
  AuthenticatorAttachment,
  AuthenticatorTransport,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { PasskeyLoginVerifyRequest, PasskeyRegisterVerifyRequest } from "@duplex/protocol";

const TRANSPORTS: readonly AuthenticatorTransport[] = ["ble", "hybrid", "internal", "nfc", "usb"];
const isTransport = (t: string): t is AuthenticatorTransport =>
  (TRANSPORTS as readonly string[]).includes(t);

function attachment(a: string | undefined): { authenticatorAttachment?: AuthenticatorAttachment } {
  return a === "platform" || a === "cross-platform" ? { authenticatorAttachment: a } : {};
}

/** What an attestation and an assertion share; extension outputs play no part in the checks made here. */
function credential(r: {
  id: string;
  rawId: string;
  type: "public-key";
  authenticatorAttachment?: string | undefined;
}) {
  return {
    id: r.id,
    rawId: r.rawId,
    type: r.type,
    ...attachment(r.authenticatorAttachment),
    clientExtensionResults: {},
  };
}

/** The checked request body as the library's type; transports it does not know are dropped. */
export function toAttestation(
  r: PasskeyRegisterVerifyRequest["response"],
): RegistrationResponseJSON {
  return {
    ...credential(r),
    response: {
      clientDataJSON: r.response.clientDataJSON,
      attestationObject: r.response.attestationObject,
      ...(r.response.transports && { transports: r.response.transports.filter(isTransport) }),
    },
  };
}

export function toAssertion(r: PasskeyLoginVerifyRequest["response"]): AuthenticationResponseJSON {
  return {
    ...credential(r),
    response: {
      clientDataJSON: r.response.clientDataJSON,
      authenticatorData: r.response.authenticatorData,
      signature: r.response.signature,
      ...(r.response.userHandle !== undefined && { userHandle: r.response.userHandle }),
    },
  };
}
