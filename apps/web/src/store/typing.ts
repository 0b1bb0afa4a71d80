import type { User } from "@duplex/protocol";
import { t as currentT } from "../i18n/localeStore.js";
import type { Translate } from "../i18n/translate.js";

/** Without news for this long, a typist is no longer shown (typing indicators expire after a few seconds). */
export const TYPING_TTL_MS = 4000;
/** The sender sends at most one `typing` per this period while the user types. */
export const TYPING_THROTTLE_MS = 2000;

export interface Typist {
  user: User;
  /** When this entry expires (ms since epoch). */
  until: number;
}

export type TypingByRoom = Readonly<Record<string, readonly Typist[]>>;

/** Records (or refreshes) a typist; order of first arrival is kept so the line does not reshuffle. */
export function upsertTypist(typists: readonly Typist[], user: User, now: number): Typist[] {
  const until = now + TYPING_TTL_MS;
  const found = typists.some((t) => t.user.id === user.id);
  return found
    ? typists.map((t) => (t.user.id === user.id ? { user, until } : t))
    : [...typists, { user, until }];
}

export function removeTypist(typists: readonly Typist[], userId: string): readonly Typist[] {
  return typists.some((t) => t.user.id === userId)
    ? typists.filter((t) => t.user.id !== userId)
    : typists;
}

/** Drops expired entries in every room; the same object when nothing expired. */
export function expireTypists(byRoom: TypingByRoom, now: number): TypingByRoom {
  let changed = false;
  const next: Record<string, readonly Typist[]> = {};
  for (const [room, typists] of Object.entries(byRoom)) {
    const alive = typists.filter((t) => t.until > now);
    if (alive.length !== typists.length) changed = true;
    if (alive.length > 0) next[room] = alive;
    else if (typists.length > 0) changed = true;
  }
  return changed ? next : byRoom;
}

/** The earliest expiry among all entries, to schedule the next sweep. */
export function nextExpiry(byRoom: TypingByRoom): number | undefined {
  let earliest: number | undefined;
  for (const typists of Object.values(byRoom)) {
    for (const t of typists) if (earliest === undefined || t.until < earliest) earliest = t.until;
  }
  return earliest;
}

/** "Alice is typing…", "Alice and Bob are typing…", "Several people are typing…", or "". */
export function typingLine(names: readonly string[], t: Translate = currentT): string {
  const [first, second] = names;
  if (first === undefined) return "";
  if (second === undefined) return t("typing.one", { first });
  if (names.length === 2) return t("typing.two", { first, second });
  return t("typing.many");
}
