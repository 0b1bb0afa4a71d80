import { createContext, useContext, type ReactNode } from "react";
import type { SearchOptions, SearchReply } from "@duplex/client";

/** Asks the server (`search`); rejects with the client's `RequestError` on an `error` reply. */
export type SearchFn = (query: string, options: SearchOptions) => Promise<SearchReply>;

const SearchContext = createContext<SearchFn | undefined>(undefined);

/** Hands message search to the tree; the app passes its client's, tests a scripted one. */
export function SearchProvider({ search, children }: { search: SearchFn; children: ReactNode }) {
  return <SearchContext.Provider value={search}>{children}</SearchContext.Provider>;
}

/** The search function, or undefined where none was provided (the search box then stays hidden). */
export function useSearchFn(): SearchFn | undefined {
  return useContext(SearchContext);
}
