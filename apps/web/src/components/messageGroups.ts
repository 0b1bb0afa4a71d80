import type { TimelineItem } from "../store/timeline.js";

/** Consecutive messages of one sender within this span share one header. */
export const GROUP_SPAN_MS = 60_000;

function senderAndTime(item: TimelineItem, myId: string | undefined): [string, number] {
  return item.kind === "stored"
    ? [item.message.from.id, item.message.ts]
    : [myId ?? "me", item.entry.createdAt];
}

/** For each item: whether it continues the previous one's group (same sender, within a minute). */
export function continuesGroup(
  items: readonly TimelineItem[],
  myId: string | undefined,
): boolean[] {
  return items.map((item, i) => {
    const previous = items[i - 1];
    if (previous === undefined) return false;
    const [sender, ts] = senderAndTime(item, myId);
    const [prevSender, prevTs] = senderAndTime(previous, myId);
    return sender === prevSender && ts - prevTs >= 0 && ts - prevTs < GROUP_SPAN_MS;
  });
}
