import { LIMITS } from "@duplex/protocol";

/**
 * ws receiver limits (ws >= 8.21) on a message sent in many pieces; past either, ws closes with 1008.
 * A legitimate client sends a message in one frame; a 64 KiB message in 64-byte fragments still fits.
 */
export const FRAME_LIMITS = {
  /** Fragments (continuation frames) of one message. ws default 16384. */
  maxFragments: LIMITS.maxFrameBytes / 64,
  /** TCP chunks buffered while a frame is incomplete (a 1-byte trickle). ws default 262144. */
  maxBufferedChunks: 4096,
} as const;
