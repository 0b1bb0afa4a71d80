import { useEffect, useRef, useState } from "react";
import type { User } from "@duplex/protocol";
import { useActions } from "../store/storeContext.js";

/** Waits for typing to pause before asking the server (each page is charged to our read budget). */
const SEARCH_DELAY_MS = 250;

export type MemberSearch =
  | { status: "idle" }
  | { status: "searching" }
  | { status: "done"; users: readonly User[] }
  | { status: "failed" };

/** Server-side member search for a room; only the latest query's answer is kept. */
export function useMemberSearch(room: string, query: string): MemberSearch {
  const { searchMembers } = useActions();
  const [result, setResult] = useState<MemberSearch>({ status: "idle" });
  const latest = useRef(0);
  const trimmed = query.trim();
  useEffect(() => {
    const ask = ++latest.current;
    if (trimmed === "") {
      setResult({ status: "idle" });
      return;
    }
    setResult({ status: "searching" });
    const timer = setTimeout(() => {
      searchMembers(room, trimmed).then(
        (users) => {
          if (ask === latest.current) setResult({ status: "done", users });
        },
        () => {
          if (ask === latest.current) setResult({ status: "failed" });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [room, trimmed, searchMembers]);
  return result;
}
