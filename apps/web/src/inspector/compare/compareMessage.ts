/** How many messages each way, and the steady pace they are sent at. */
export const COMPARE_MESSAGES = 100;
export const COMPARE_INTERVAL_MS = 50;

/**
 * Message `i` of a run: the size and shape of a Duplex chat `send` (a JSON frame of ~130 bytes), so
 * the figures are what a chat would pay. `cid` lets the echo be matched to its send.
 */
export function compareMessage(i: number): string {
  return JSON.stringify({
    type: "send",
    room: "general",
    cid: `cmp-${i}`,
    text: `Message ${i}: shall we move the review to Thursday afternoon instead?`,
  });
}

/** The index of an echoed message, or undefined for anything else. */
export function indexOf(echo: string): number | undefined {
  const match = /"cid":"cmp-(\d+)"/.exec(echo);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The `q` quantile (0..1) by nearest rank; undefined for none. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
