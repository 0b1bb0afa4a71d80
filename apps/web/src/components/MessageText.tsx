import { memo } from "react";
import { messageSegments } from "./messageSegments.js";

/** Message text as React elements: links open in a new tab without access to this page. */
export const MessageText = memo(function MessageText({
  text,
  myName,
}: {
  text: string;
  myName: string;
}) {
  return (
    <p className="message-text">
      {messageSegments(text, myName).map((segment, i) => {
        switch (segment.kind) {
          case "text":
            return segment.text;
          case "link":
            return (
              <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
                {segment.text}
              </a>
            );
          case "mention":
            return (
              <mark key={i} className={segment.me ? "mention mention-me" : "mention"}>
                {segment.text}
              </mark>
            );
          default: {
            const unhandled: never = segment;
            return unhandled;
          }
        }
      })}
    </p>
  );
});
