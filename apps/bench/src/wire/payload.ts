/** Total characters of every benchmark message text, the same for every target. */
export const PAYLOAD_CHARS = 100;

const MARK = 0x40; // "@": the timestamp follows it; no target's envelope contains "@".
const STAMP_DIGITS = 16;

/** Microseconds on the monotonic clock, shared by every thread of the generator process. */
export function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** A 100-character text that carries its send time: "@" + 16 digits of µs + "@" + padding. */
export function stampedText(sentAtMicros: number = nowMicros()): string {
  const stamp = String(Math.floor(sentAtMicros)).padStart(STAMP_DIGITS, "0");
  const head = `@${stamp}@`;
  return head + "x".repeat(PAYLOAD_CHARS - head.length);
}

/** Reads the send time out of a received frame payload, or -1 when it carries none. */
export function readStamp(payload: Buffer): number {
  const at = payload.indexOf(MARK);
  if (at < 0 || at + 1 + STAMP_DIGITS > payload.length) return -1;
  let value = 0;
  for (let i = at + 1; i <= at + STAMP_DIGITS; i++) {
    const digit = (payload[i] ?? 0) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
