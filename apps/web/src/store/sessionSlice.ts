import { checkName as checkNameRule } from "@duplex/protocol";
import type { User } from "@duplex/protocol";
import { t } from "../i18n/localeStore.js";
import { nameProblem } from "../i18n/nameProblem.js";

export interface SessionSlice {
  /** The name the user chose; set once they signed in. */
  name: string | undefined;
  /** Who the server says we are, after `welcome`. */
  user: User | undefined;
  /** Why the server ended our session, shown on the sign-in screen it left us on. */
  ended?: SessionEnd;
}

/** `revoked`: this device was signed out (4401); `banned`: the account was banned (4403). */
export type SessionEnd = "revoked" | "banned";

export const NAME_STORAGE_KEY = "duplex-web.name";

export type NameCheck = { ok: true; name: string } | { ok: false; error: string };

/** Validates a display name with the protocol's own rule, so the server never refuses it. */
export function checkName(input: string): NameCheck {
  const checked = checkNameRule(input);
  if (checked.ok) return { ok: true, name: checked.value };
  return { ok: false, error: t("name.invalid", { problem: nameProblem(checked.problem, t) }) };
}
