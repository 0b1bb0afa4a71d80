import type { ReactNode } from "react";
import { messageSegments } from "../components/messageSegments.js";

/** Plain text with its links and mentions as elements (links open in a new tab, no opener). */
export function segmentsToReact(text: string, myName: string): ReactNode[] {
  return messageSegments(text, myName).map((segment, i) => {
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
  });
}
