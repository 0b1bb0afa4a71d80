import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { LIMITS, type SearchHit, type User } from "@duplex/protocol";
import { DateTime } from "../i18n/DateTime.js";
import { useT } from "../i18n/useT.js";
import { roomLabel } from "../store/roomLabel.js";
import { useDuplex } from "../store/storeContext.js";
import { HighlightedText } from "./HighlightedText.js";
import { useSearchFn, type SearchFn } from "./searchContext.js";
import { useJumpToMessage } from "./useJumpToMessage.js";
import { useMessageSearch, type SearchParams } from "./useMessageSearch.js";

/** The header's search button and the results panel it opens (hidden without a search provider). */
export function SearchPanel() {
  const search = useSearchFn();
  return search ? <SearchToggle search={search} /> : null;
}

function SearchToggle({ search }: { search: SearchFn }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="search-anchor">
      <button
        type="button"
        ref={button}
        className="header-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t("search.open")}
      </button>
      {open && (
        <SearchDialog id={id} search={search} onClose={close} onJump={() => setOpen(false)} />
      )}
    </div>
  );
}

function SearchDialog({
  id,
  search,
  onClose,
  onJump,
}: {
  id: string;
  search: SearchFn;
  onClose: () => void;
  onJump: () => void;
}) {
  const t = useT();
  const { state, run, more } = useMessageSearch(search);
  const [query, setQuery] = useState(state.params?.query ?? "");
  const [room, setRoom] = useState("");
  const [author, setAuthor] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const jump = useJumpToMessage();
  const { joined, dmPeers } = useDuplex(
    useShallow((s) => ({ joined: s.rooms.joined, dmPeers: s.chat.dmPeers })),
  );
  useEffect(() => input.current?.focus(), []);

  // The people to filter by: the authors of what was found (a search is always narrowed from one).
  const [authors, setAuthors] = useState<readonly User[]>([]);
  useEffect(() => {
    if (state.params?.author !== undefined) return;
    const seen = new Map<string, User>();
    for (const h of state.hits) seen.set(h.message.from.id, h.message.from);
    setAuthors([...seen.values()]);
  }, [state.hits, state.params?.author]);

  const params = (over: Partial<Record<"room" | "author", string>> = {}): SearchParams => {
    const r = over.room ?? room;
    const a = over.author ?? author;
    return { query: query.trim(), ...(r !== "" && { room: r }), ...(a !== "" && { author: a }) };
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(params());
  };

  return (
    <section
      id={id}
      className="popover search-panel"
      aria-label={t("search.label")}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <h2 className="popover-title">{t("search.title")}</h2>
      <form className="search-form" role="search" onSubmit={submit}>
        <input
          ref={input}
          type="search"
          className="search-input"
          aria-label={t("search.query")}
          placeholder={t("search.placeholder")}
          maxLength={LIMITS.maxSearchQueryLength}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button-primary" disabled={query.trim() === ""}>
          {t("search.submit")}
        </button>
        <div className="search-filters">
          <label>
            <span>{t("search.room")}</span>
            <select
              value={room}
              onChange={(event) => {
                setRoom(event.target.value);
                if (state.params) run(params({ room: event.target.value }));
              }}
            >
              <option value="">{t("search.anyRoom")}</option>
              {joined.map((r) => (
                <option key={r} value={r}>
                  {roomLabel(r, dmPeers)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("search.person")}</span>
            <select
              value={author}
              disabled={authors.length === 0 && author === ""}
              onChange={(event) => {
                setAuthor(event.target.value);
                if (state.params) run(params({ author: event.target.value }));
              }}
            >
              <option value="">{t("search.anyone")}</option>
              {authors.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </form>
      <SearchResults
        hits={state.hits}
        status={state.status}
        error={state.error}
        hasMore={state.nextCursor !== undefined}
        onMore={more}
        onOpen={(hit) => {
          onJump();
          jump(hit.message);
        }}
      />
    </section>
  );
}

function SearchResults({
  hits,
  status,
  error,
  hasMore,
  onMore,
  onOpen,
}: {
  hits: readonly SearchHit[];
  status: string;
  error: string | undefined;
  hasMore: boolean;
  onMore: () => void;
  onOpen: (hit: SearchHit) => void;
}) {
  const t = useT();
  const dmPeers = useDuplex((s) => s.chat.dmPeers);
  const summary = useMemo(() => {
    if (status === "searching") return t("search.searching");
    if (status === "failed") {
      return error === "rate_limited" ? t("search.tooFast") : t("search.failed");
    }
    if (status === "done") {
      return hits.length === 0 ? t("search.none") : t("search.count", { count: hits.length });
    }
    return "";
  }, [status, error, hits.length, t]);
  return (
    <>
      <p className="muted search-status" role="status">
        {summary}
      </p>
      {hits.length > 0 && (
        <ul className="search-results" aria-label={t("search.results")}>
          {hits.map((hit) => (
            <li key={hit.message.id}>
              <button type="button" className="search-hit" onClick={() => onOpen(hit)}>
                <span className="search-hit-meta">
                  <strong>{hit.message.from.name}</strong>
                  <span>{roomLabel(hit.message.room, dmPeers)}</span>
                  <DateTime ts={hit.message.ts} />
                </span>
                <span className="search-hit-text">
                  <HighlightedText text={hit.message.text} ranges={hit.ranges} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {hasMore && status !== "searching" && (
        <button type="button" className="button-secondary search-more" onClick={onMore}>
          {t("search.more")}
        </button>
      )}
    </>
  );
}
