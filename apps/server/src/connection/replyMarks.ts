import { markRemover, withoutMessageKey } from "./markedFrames.js";

/**
 * A `message` frame as a socket without the `replies` capability may read it: a live message that
 * answers another carries `replyTo`, which a v1 reader's strict message would refuse.
 */
export const withoutReplyTo = markRemover('"replyTo":{', (frame) =>
  withoutMessageKey(frame, "replyTo"),
);
