import type { RawClient } from "../wire/rawClient.js";
import { stampedText } from "../wire/payload.js";

/** One sender: a client and the room it sends to. */
export interface Sender {
  client: RawClient;
  room: string;
}

const TICK_MS = 5;

/**
 * Sends stamped messages at `ratePerSecond` in total, round-robin over the senders, for `durationMs`.
 * Each tick sends what the schedule owes, so a late timer catches up instead of drifting slow.
 * Resolves with the number of messages sent, in all and up to `graceMs` before the end (those had time
 * to arrive; the very last ones are still in flight when the window closes).
 */
export function pace(
  senders: readonly Sender[],
  ratePerSecond: number,
  durationMs: number,
  framePayload: (room: string, text: string) => string,
  graceMs = 50,
): Promise<{ sent: number; sentBeforeGrace: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let sent = 0;
    let sentBeforeGrace = 0;
    let turn = 0;
    const tick = (): void => {
      const elapsed = Math.min(performance.now() - started, durationMs);
      const owed = Math.floor((ratePerSecond * elapsed) / 1000) - sent;
      for (let i = 0; i < owed; i++) {
        const sender = senders[turn++ % senders.length];
        if (!sender) break;
        sender.client.send(framePayload(sender.room, stampedText()));
        sent++;
      }
      if (elapsed <= durationMs - graceMs) sentBeforeGrace = sent;
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve({ sent, sentBeforeGrace });
      }
    };
    const timer = setInterval(tick, TICK_MS);
  });
}
