import { checkName as checkNameRule } from "@duplex/protocol";
import type { User } from "@duplex/protocol";
import { t } from "../i18n/localeStore.js";
import { nameProblem } from "../i18n/nameProblem.js";

export interface SessionSlice {
  /** The name the user chose; set once they signed in. */
  name: string | undefined;
  /** Who the server says we are, after `welcome`. */
  user: User | undefined;
}

export const NAME_STORAGE_KEY = "duplex-web.name";

export type NameCheck = { ok: true; name: string } | { ok: false; error: string };

/** Validates a display name with the protocol's own rule, so the server never refuses it. */
export function checkName(input: string): NameCheck {
  const checked = checkNameRule(input);
  if (checked.ok) return { ok: true, name: checked.value };
  return { ok: false, error: t("name.invalid", { problem: nameProblem(checked.problem, t) }) };
}
