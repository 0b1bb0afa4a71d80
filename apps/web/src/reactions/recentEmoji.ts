const KEY = "duplex.recentEmoji";
const MAX = 8;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The emoji this browser reacted with lately, most recent first. */
export function recentEmoji(): string[] {
  try {
    const value: unknown = JSON.parse(storage()?.getItem(KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((e): e is string => typeof e === "string") : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(emoji: string): void {
  const next = [emoji, ...recentEmoji().filter((e) => e !== emoji)].slice(0, MAX);
  storage()?.setItem(KEY, JSON.stringify(next));
}
