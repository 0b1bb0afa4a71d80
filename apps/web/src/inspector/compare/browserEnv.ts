import type { CompareEnv } from "./compareEnv.js";

/** The page's own fetch, WebSocket and EventSource, against the server that served it. */
export function browserEnv(openRun: CompareEnv["openRun"]): CompareEnv {
  const { protocol, host } = window.location;
  return {
    openRun,
    fetch: (input, init) => window.fetch(input, init),
    WebSocket: window.WebSocket,
    EventSource: window.EventSource,
    wsBase: `${protocol === "https:" ? "wss:" : "ws:"}//${host}`,
    now: () => performance.now(),
  };
}
