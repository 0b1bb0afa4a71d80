import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useT } from "../i18n/useT.js";
import type { EmojiEntry, searchEmoji } from "./emojiData.js";
import { recentEmoji } from "./recentEmoji.js";

/** Buttons per row of the grid: the step of ArrowUp and ArrowDown. */
export const PICKER_COLUMNS = 8;

interface Data {
  searchEmoji: typeof searchEmoji;
}

/**
 * A searchable emoji grid (English and 中文 words) with the recently used first. The data loads
 * only when a picker opens. Arrow keys move in the grid, Enter picks, Escape closes (the opener
 * takes focus back).
 */
export function EmojiPicker({
  onPick,
  onClose,
}: {
  onPick: (emoji: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [data, setData] = useState<Data | undefined>();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const grid = useRef<HTMLDivElement>(null);
  const searchId = useId();

  useEffect(() => {
    let live = true;
    void import("./emojiData.js").then((loaded) => live && setData(loaded));
    return () => {
      live = false;
    };
  }, []);

  const found: readonly EmojiEntry[] = data ? data.searchEmoji(query) : [];
  const recent = query.trim() === "" ? recentEmoji() : [];
  const choices = [...new Set([...recent, ...found.map((e) => e.emoji)])];
  const names = new Map(
    found.map((e) => [e.emoji, `${e.en.split(" ")[0] ?? ""} ${e.zh.split(" ")[0] ?? ""}`]),
  );

  function move(to: number) {
    const next = Math.max(0, Math.min(choices.length - 1, to));
    setActive(next);
    grid.current?.querySelectorAll<HTMLButtonElement>("button")[next]?.focus();
  }

  function onGridKey(event: KeyboardEvent<HTMLDivElement>) {
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: PICKER_COLUMNS,
      ArrowUp: -PICKER_COLUMNS,
    };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      move(active + step);
    }
  }

  function onKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  }

  return (
    <div
      className="emoji-picker"
      role="dialog"
      aria-label={t("reactions.picker")}
      onKeyDown={onKey}
    >
      <label htmlFor={searchId} className="visually-hidden">
        {t("reactions.search")}
      </label>
      <input
        id={searchId}
        type="search"
        autoFocus
        value={query}
        placeholder={t("reactions.search")}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && choices[0] !== undefined) {
            e.preventDefault();
            onPick(choices[0]);
          } else if (e.key === "ArrowDown") {
            e.preventDefault();
            move(0);
          }
        }}
      />
      <div className="emoji-grid" ref={grid} role="group" onKeyDown={onGridKey}>
        {!data && <span className="emoji-loading">…</span>}
        {choices.map((emoji, i) => (
          <button
            key={emoji}
            type="button"
            tabIndex={i === active ? 0 : -1}
            aria-label={names.get(emoji)?.trim() || emoji}
            title={names.get(emoji)}
            onClick={() => onPick(emoji)}
          >
            {emoji}
          </button>
        ))}
      </div>
      {data && choices.length === 0 && <p className="emoji-none">{t("reactions.none")}</p>}
    </div>
  );
}
