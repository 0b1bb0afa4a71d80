import { lazy, memo, Suspense } from "react";
import { looksFormatted } from "../format/looksFormatted.js";
import { segmentsToReact } from "../format/segments.js";

// The Markdown parser stays out of the first chunk: fetched with the first formatted message.
const LazyFormattedText = lazy(() =>
  import("../format/FormattedText.js").then((m) => ({ default: m.FormattedText })),
);

/**
 * Message text as React elements (never HTML): links open in a new tab without access to this page,
 * mentions are marked, and Markdown formatting is rendered once its parser has loaded.
 */
export const MessageText = memo(function MessageText({
  text,
  myName,
}: {
  text: string;
  myName: string;
}) {
  const plain = <p className="message-text">{segmentsToReact(text, myName)}</p>;
  if (!looksFormatted(text)) return plain;
  return (
    <Suspense fallback={plain}>
      <LazyFormattedText text={text} myName={myName} />
    </Suspense>
  );
});
