import { CloseCode } from "@duplex/protocol";
import type { SessionEnd } from "./sessionSlice.js";

/** What a fatal close says about our session, if it ended it. */
export function sessionEndOf(code: number | undefined): SessionEnd | undefined {
  if (code === CloseCode.Unauthorized) return "revoked";
  if (code === CloseCode.Forbidden) return "banned";
  return undefined;
}
