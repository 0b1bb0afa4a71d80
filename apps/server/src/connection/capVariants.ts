import { Capability } from "@duplex/protocol";
import { frameHeaderLength, writeTextFrameHeader } from "./frameHeader.js";
import { withoutAttachments } from "../files/attachmentMarks.js";
import { withoutThreadMarks } from "../threads/threadMarks.js";
import { withoutGuestMarks } from "./guestMarks.js";
import type { MarkRemover } from "./markedFrames.js";
import { withoutReplyTo } from "./replyMarks.js";

/** The capabilities that change how a frame reads, one bit each: 16 variants of one frame at most. */
const MARKED_CAPS = [
  Capability.Accounts,
  Capability.Replies,
  Capability.Files,
  Capability.Threads,
] as const;

/** Which of {@link MARKED_CAPS} a socket was granted, as a bit mask. */
export function variantOf(caps: ReadonlySet<Capability>): number {
  let mask = 0;
  for (let bit = 0; bit < MARKED_CAPS.length; bit += 1) {
    if (caps.has(MARKED_CAPS[bit] as Capability)) mask |= 1 << bit;
  }
  return mask;
}

/** Each of {@link MARKED_CAPS}' rewrite, in the same (bit) order. */
const REMOVERS = [withoutGuestMarks, withoutReplyTo, withoutAttachments, withoutThreadMarks];

// Every mark in one scan: nearly every frame carries none, and four substring scans of it cost ~5×
// one pass of this pattern (about 0.8 against 0.16 µs for a chat message).
const ANY_MARK = new RegExp(
  REMOVERS.map(({ mark }) => mark.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
);

/** The frame as a socket granted `mask` reads it: each missing capability's marks taken out. */
export function rewrite(encoded: string, mask: number): string {
  if (!ANY_MARK.test(encoded)) return encoded;
  let frame = encoded;
  for (let bit = 0; bit < REMOVERS.length; bit += 1) {
    if ((mask & (1 << bit)) === 0) frame = (REMOVERS[bit] as MarkRemover)(frame);
  }
  return frame;
}

/** One variant of a frame on the wire: its UTF-8 text, and the whole unmasked WebSocket text frame. */
export interface WireText {
  readonly text: string;
  readonly payload: Buffer;
  /** Built on first use: only sockets written to directly need it (preframedText.ts). */
  frame: Buffer | undefined;
}

// The frame being broadcast and its variants so far. A broadcast hands the same string to every
// recipient in turn, so the substring scans, rewrites and UTF-8 encoding run once per variant per
// message instead of once per recipient (four scans per recipient were ~4 % of a 10,000-socket fan-out).
let lastEncoded: string | undefined;
let variants: Array<WireText | undefined> = [];

/** The bytes a socket granted `mask` is sent for `encoded`, computed once per message and variant. */
export function wireTextFor(encoded: string, mask: number): WireText {
  if (encoded !== lastEncoded) {
    lastEncoded = encoded;
    variants = [];
  }
  let wire = variants[mask];
  if (wire === undefined) {
    const text = rewrite(encoded, mask);
    // Variants that read the same share one Buffer (most frames carry no marks at all).
    const same = variants.find((v) => v !== undefined && v.text === text);
    wire = same ?? { text, payload: Buffer.from(text, "utf8"), frame: undefined };
    variants[mask] = wire;
  }
  return wire;
}

/**
 * Records `text` as already read alike by sockets granted `mask` (built from parts that were each
 * rewritten for it): the next {@link wireTextFor} of this very string skips the four mark scans, which
 * over a `joined` frame's page of 100 members were ~3 % of a join storm's server time.
 */
export function presetWireText(text: string, mask: number): void {
  lastEncoded = text;
  variants = [];
  // The frame is written in one buffer with its header (no payload copy): it is sent once, whole.
  const length = Buffer.byteLength(text, "utf8");
  const headerLength = frameHeaderLength(length);
  const frame = Buffer.allocUnsafe(headerLength + length);
  writeTextFrameHeader(frame, length);
  frame.write(text, headerLength, "utf8");
  variants[mask] = { text, payload: frame.subarray(headerLength), frame };
}
