import { LIMITS } from "@duplex/protocol";

/**
 * Picks the display name for `userId`. Names are unique among *connected* users, compared
 * case-insensitively ("alice" and "Alice" would confuse readers): if another connected user holds the
 * wanted name, the first free of "name 2", "name 3"… is used, the base cut so the result still fits
 * `maxNameLength`. The same user in two tabs keeps its name, and a name is free again once its holder
 * disconnects, so offline users never reserve names.
 *
 * @param holders lower-cased name → id of the connected user holding it
 */
export function allocateName(
  wanted: string,
  userId: string,
  holders: ReadonlyMap<string, string>,
): string {
  const isFree = (name: string) => {
    const holder = holders.get(name.toLowerCase());
    return holder === undefined || holder === userId;
  };
  if (isFree(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = `${wanted.slice(0, LIMITS.maxNameLength - suffix.length).trimEnd()}${suffix}`;
    if (isFree(candidate)) return candidate;
  }
}
