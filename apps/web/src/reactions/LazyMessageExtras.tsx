import { lazy, Suspense } from "react";
import type { ChatMessage } from "@duplex/protocol";

// Chips, picker button, quotes and "Reply" load in their own chunk, after the first paint: the
// first chunk stays within its budget, and a message shows its text meanwhile.
const Extras = lazy(() => import("./MessageExtras.js").then((m) => ({ default: m.MessageExtras })));
const Quote = lazy(() =>
  import("./MessageExtras.js").then((m) => ({ default: m.MessageReplyQuote })),
);

export function LazyMessageExtras({ message }: { message: ChatMessage }) {
  return (
    <Suspense fallback={null}>
      <Extras message={message} />
    </Suspense>
  );
}

export function LazyReplyQuote({ message }: { message: ChatMessage }) {
  if (!message.replyTo) return null;
  return (
    <Suspense fallback={null}>
      <Quote message={message} />
    </Suspense>
  );
}
