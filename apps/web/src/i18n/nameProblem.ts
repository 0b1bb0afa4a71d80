import { LIMITS } from "@duplex/protocol";
import type { Translate } from "./translate.js";

/** What the web app reads of a failed name check (the protocol's `checkName`/`checkRoomName` problem). */
export interface NameIssue {
  readonly code: string;
  readonly message: string;
}

/**
 * The protocol's name rules explain themselves in English ("must not be empty"); this says the
 * same in the UI language, recognising each rule by its issue code (and `:` by its message).
 */
export function nameProblem(issue: NameIssue | undefined, t: Translate): string {
  if (issue === undefined) return t("name.otherProblem");
  if (issue.code === "too_small") return t("name.empty");
  if (issue.code === "too_big") return t("name.tooLong", { max: LIMITS.maxNameLength });
  if (issue.message.includes("':'")) return t("name.colon");
  if (issue.code === "invalid_format") return t("name.controlChars");
  return t("name.otherProblem");
}
