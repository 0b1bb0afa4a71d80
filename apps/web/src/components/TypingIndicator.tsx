import { typingLine, type Typist } from "../store/typing.js";
import { useT } from "../i18n/useT.js";
import { useDuplex } from "../store/storeContext.js";

const NOBODY: readonly Typist[] = [];

/** "Alice is typing…" under the conversation; the store expires entries and never lists us. */
export function TypingIndicator({ room }: { room: string }) {
  const typists = useDuplex((s) => s.chat.typing[room] ?? NOBODY);
  const t = useT();
  const line = typingLine(
    typists.map((typist) => typist.user.name),
    t,
  );
  return (
    <p className="typing-line" aria-live="polite">
      {line}
    </p>
  );
}
