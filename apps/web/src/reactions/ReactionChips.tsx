import { lazy, Suspense, useRef, useState } from "react";
import type { ReactionSummary } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";

// The picker (and its emoji data) is fetched the first time someone opens it.
const LazyPicker = lazy(() => import("./EmojiPicker.js").then((m) => ({ default: m.EmojiPicker })));

/**
 * Reactions under a message: one pressed-or-not chip per emoji with its count, named by who reacted,
 * and a button that opens the emoji picker. Clicking a chip toggles our own reaction.
 */
export function ReactionChips({
  reactions,
  onToggle,
}: {
  reactions: readonly ReactionSummary[];
  onToggle: (emoji: string, on: boolean) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);

  function close() {
    setOpen(false);
    opener.current?.focus();
  }

  return (
    <div className="reactions">
      {reactions.map((r) => {
        const who = whoReacted(r, t);
        return (
          <button
            key={r.emoji}
            type="button"
            className={r.me ? "reaction-chip is-mine" : "reaction-chip"}
            aria-pressed={r.me}
            aria-label={t("reactions.chip", { emoji: r.emoji, count: r.count, who })}
            title={who}
            onClick={() => onToggle(r.emoji, !r.me)}
          >
            <span aria-hidden="true">{r.emoji}</span> <span aria-hidden="true">{r.count}</span>
          </button>
        );
      })}
      <button
        ref={opener}
        type="button"
        className="reaction-add"
        aria-expanded={open}
        aria-label={t("reactions.add")}
        title={t("reactions.add")}
        onClick={() => (open ? close() : setOpen(true))}
      >
        ☺︎+
      </button>
      {open && (
        <Suspense fallback={null}>
          <LazyPicker
            onPick={(emoji) => {
              const mine = reactions.find((r) => r.emoji === emoji)?.me === true;
              onToggle(emoji, !mine);
              close();
            }}
            onClose={close}
          />
        </Suspense>
      )}
    </div>
  );
}

function whoReacted(r: ReactionSummary, t: ReturnType<typeof useT>): string {
  const names = r.users ?? [];
  const rest = r.count - names.length;
  return rest > 0
    ? t("reactions.whoMore", { names: names.join(", "), count: rest })
    : names.join(", ");
}
