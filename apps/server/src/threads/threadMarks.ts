import { markRemover, withoutMessageKey } from "../connection/markedFrames.js";

/**
 * A `message` frame as a socket without `threads` reads it: a live thread reply is one frame for the
 * whole room (the room's sequencer delivers each seq once), and a v1 reader's strict message would
 * refuse its `thread`, so it goes out as an ordinary message.
 */
export const withoutThreadMarks = markRemover('"thread":{', (frame) =>
  withoutMessageKey(frame, "thread"),
);
