import { useCallback, useRef, useState } from "react";
import type { SearchHit } from "@duplex/protocol";
import type { SearchFn } from "./searchContext.js";

/** Hits per page: enough to scan, few enough to stay cheap against the read budget. */
export const SEARCH_PAGE = 20;
/**
 * A one- or two-character query scans a bounded window of messages per page, so a page can come back
 * empty with more to look at: continue on our own this many times before showing "search older".
 */
const EMPTY_PAGES_FOLLOWED = 4;

export interface SearchParams {
  query: string;
  room?: string;
  author?: string;
}

export type SearchStatus = "idle" | "searching" | "done" | "failed";

export interface SearchState {
  status: SearchStatus;
  params: SearchParams | undefined;
  hits: readonly SearchHit[];
  nextCursor: string | undefined;
  /** The error code of the last failure (`rate_limited`…). */
  error: string | undefined;
}

const IDLE: SearchState = {
  status: "idle",
  params: undefined,
  hits: [],
  nextCursor: undefined,
  error: undefined,
};

const errorCode = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err ? String(err.code) : "internal";

/** Message search, a page at a time; only the latest search's answers are kept. */
export function useMessageSearch(search: SearchFn) {
  const [state, setState] = useState<SearchState>(IDLE);
  const latest = useRef(0);

  const fetchPages = useCallback(
    async (ask: number, params: SearchParams, cursor: string | undefined, keep: SearchHit[]) => {
      let hits = keep;
      let next = cursor;
      for (let empty = 0; ; empty += 1) {
        const reply = await search(params.query, {
          limit: SEARCH_PAGE,
          ...(params.room !== undefined && { room: params.room }),
          ...(params.author !== undefined && { author: params.author }),
          ...(next !== undefined && { cursor: next }),
        });
        if (ask !== latest.current) return;
        hits = [...hits, ...reply.hits];
        next = reply.nextCursor;
        if (reply.hits.length > 0 || next === undefined || empty >= EMPTY_PAGES_FOLLOWED) break;
      }
      setState({ status: "done", params, hits, nextCursor: next, error: undefined });
    },
    [search],
  );

  const run = useCallback(
    (params: SearchParams) => {
      const ask = ++latest.current;
      if (params.query.trim() === "") {
        setState(IDLE);
        return;
      }
      setState({ ...IDLE, status: "searching", params });
      fetchPages(ask, params, undefined, []).catch((err: unknown) => {
        if (ask === latest.current)
          setState({ ...IDLE, status: "failed", params, error: errorCode(err) });
      });
    },
    [fetchPages],
  );

  const more = useCallback(() => {
    const { params, nextCursor, hits } = state;
    if (params === undefined || nextCursor === undefined) return;
    const ask = ++latest.current;
    setState((s) => ({ ...s, status: "searching" }));
    fetchPages(ask, params, nextCursor, [...hits]).catch((err: unknown) => {
      if (ask === latest.current)
        setState((s) => ({ ...s, status: "failed", error: errorCode(err) }));
    });
  }, [state, fetchPages]);

  const reset = useCallback(() => {
    latest.current += 1;
    setState(IDLE);
  }, []);

  return { state, run, more, reset };
}
