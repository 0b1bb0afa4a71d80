import { LIMITS } from "@duplex/protocol";

export type DndChoice = "off" | "hour" | "tomorrow" | "forever";

/** The morning do-not-disturb "until tomorrow" ends at (local time). */
export const MORNING_HOUR = 8;

/** When a do-not-disturb choice made at `now` ends (ms since epoch; 0 = off). */
export function dndUntilFor(choice: DndChoice, now: Date): number {
  switch (choice) {
    case "off":
      return 0;
    case "hour":
      return now.getTime() + 60 * 60_000;
    case "tomorrow": {
      const end = new Date(now);
      end.setDate(end.getDate() + 1);
      end.setHours(MORNING_HOUR, 0, 0, 0);
      return end.getTime();
    }
    case "forever":
      return LIMITS.dndForever;
  }
}

/** Whether do-not-disturb is on at `now`, and whether it lasts until turned off. */
export function dndState(dndUntil: number, now: number): "off" | "until" | "forever" {
  if (dndUntil <= now) return "off";
  return dndUntil >= LIMITS.dndForever ? "forever" : "until";
}
