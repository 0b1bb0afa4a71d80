import { markRemover } from "../connection/markedFrames.js";

/**
 * A frame as a socket without the `files` capability may read it: chat messages (live, in `joined`,
 * `history`, search hits) lose their `attachment`, whose text (the file name) remains. A v1 reader's
 * strict `ChatMessage` would refuse the field.
 */
export const withoutAttachments = markRemover('"attachment":{', (frame) =>
  JSON.stringify(JSON.parse(frame), (key, value: unknown) =>
    key === "attachment" ? undefined : value,
  ),
);
