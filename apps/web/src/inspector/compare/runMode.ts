import {
  COMPARE_LIMITS,
  COMPARE_PATHS,
  CompareReport,
  compareRunPath,
  type CompareMode,
} from "@duplex/protocol";
import type { CompareEnv, CompareProgress, ModeResult } from "./compareEnv.js";
import {
  COMPARE_INTERVAL_MS,
  COMPARE_MESSAGES,
  compareMessage,
  indexOf,
} from "./compareMessage.js";

/** Waits for the last echo this long after the last send before giving up on the rest. */
const TAIL_MS = 3_000;
const EMPTY_POLL_PAUSE_MS = 100;

/** How fast a run goes; tests pass a quicker one. */
export interface Pace {
  /** @default COMPARE_MESSAGES */
  messages?: number;
  /** @default COMPARE_INTERVAL_MS */
  intervalMs?: number;
  /** Short polling's interval. @default COMPARE_LIMITS.shortPollMs */
  pollMs?: number;
}

export interface RunOptions extends Pace {
  signal: AbortSignal;
  onProgress(progress: CompareProgress): void;
}

/** A transport's two halves: how a message goes up, and what closes the downlink. */
interface Link {
  send(text: string): void;
  close(): void;
}

const aborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new DOMException("cancelled", "AbortError"));
    signal.addEventListener("abort", () => reject(new DOMException("cancelled", "AbortError")), {
      once: true,
    });
  });

/**
 * Runs one mode: sends `messages` at a steady pace, each echoed by the server, times send → echo in
 * this page, then fetches what the server counted (bytes with headers, requests, connections).
 */
export async function runMode(
  env: CompareEnv,
  mode: CompareMode,
  options: RunOptions,
): Promise<ModeResult> {
  const { signal, onProgress } = options;
  const total = options.messages ?? COMPARE_MESSAGES;
  const interval = options.intervalMs ?? COMPARE_INTERVAL_MS;
  const run = await env.openRun(mode);
  if (!run) throw new Error("the server refused to start a run");
  const sentAt = new Map<number, number>();
  const roundTrips: number[] = [];
  let sent = 0;
  let allEchoed!: () => void;
  const done = new Promise<void>((resolve) => (allEchoed = resolve));
  const progress = () => onProgress({ mode, sent, received: roundTrips.length, total });
  let over = false;
  const onEcho = (text: string) => {
    if (over) return;
    const i = indexOf(text);
    const at = i === undefined ? undefined : sentAt.get(i);
    if (i === undefined || at === undefined) return;
    sentAt.delete(i);
    roundTrips.push(env.now() - at);
    progress();
    if (roundTrips.length === total) allEchoed();
  };
  const pollMs = options.pollMs ?? COMPARE_LIMITS.shortPollMs;
  const link = await connect(env, mode, run.id, onEcho, signal, pollMs);
  const timers: ReturnType<typeof setTimeout>[] = [];
  try {
    const start = env.now();
    for (let i = 0; i < total; i++) {
      // A steady pace: message i leaves at start + i × interval, however long the others took.
      timers.push(
        setTimeout(
          () => {
            sentAt.set(i, env.now());
            link.send(compareMessage(i));
            sent += 1;
            progress();
          },
          Math.max(0, start + i * interval - env.now()),
        ),
      );
    }
    const tailMs = total * interval + Math.max(TAIL_MS, 3 * pollMs);
    const tail = new Promise<void>((resolve) => timers.push(setTimeout(resolve, tailMs)));
    await Promise.race([done, tail, aborted(signal)]);
  } finally {
    over = true;
    for (const t of timers) clearTimeout(t);
    link.close();
  }
  const res = await env.fetch(compareRunPath(run.id, "report"), { signal });
  const report = CompareReport.parse(await res.json());
  return { mode, report, roundTripsMs: roundTrips, lost: total - roundTrips.length };
}

async function connect(
  env: CompareEnv,
  mode: CompareMode,
  id: string,
  onEcho: (text: string) => void,
  signal: AbortSignal,
  pollMs: number,
): Promise<Link> {
  if (mode === "websocket" || mode === "deflate") {
    const path = mode === "deflate" ? COMPARE_PATHS.wsDeflate : COMPARE_PATHS.ws;
    const ws = new env.WebSocket(`${env.wsBase}${path}?run=${encodeURIComponent(id)}`);
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data === "string") onEcho(e.data);
    };
    await opened(ws, "the comparison WebSocket failed", signal);
    return { send: (text) => ws.send(text), close: () => ws.close() };
  }
  const post = (text: string) => {
    void env
      .fetch(compareRunPath(id, "send"), {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: text,
        signal,
      })
      .catch(() => undefined);
  };
  if (mode === "sse") {
    const source = new env.EventSource(compareRunPath(id, "sse"));
    source.onmessage = (e: MessageEvent<string>) => onEcho(e.data);
    await opened(source, "the comparison event stream failed", signal);
    return { send: post, close: () => source.close() };
  }
  return pollingLink(env, mode === "longpoll" ? undefined : pollMs, id, onEcho, signal, post);
}

/** Resolves once `link` opens; closes it and throws when it fails first or the run is aborted. */
async function opened(
  link: {
    onopen: ((ev: Event) => unknown) | null;
    onerror: ((ev: Event) => unknown) | null;
    close(): void;
  },
  failure: string,
  signal: AbortSignal,
): Promise<void> {
  await Promise.race([
    new Promise<void>((resolve, reject) => {
      link.onopen = () => resolve();
      link.onerror = () => reject(new Error(failure));
    }),
    aborted(signal),
  ]).catch((err: unknown) => {
    link.close();
    throw err;
  });
}

/** Long polling when `everyMs` is undefined (ask again at once), else short polling. */
function pollingLink(
  env: CompareEnv,
  everyMs: number | undefined,
  id: string,
  onEcho: (text: string) => void,
  signal: AbortSignal,
  post: (text: string) => void,
): Link {
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  const long = everyMs === undefined;
  const pollOnce = async (): Promise<boolean> => {
    const url = `${compareRunPath(id, "poll")}${long ? "?wait=1" : ""}`;
    const res = await env.fetch(url, { signal: both });
    if (!res.ok) return false;
    const echoes = (await res.json()) as string[];
    for (const text of echoes) onEcho(text);
    // A long poll answered empty at once (a proxy that does not hold): pause rather than spin.
    if (long && echoes.length === 0) await new Promise((r) => setTimeout(r, EMPTY_POLL_PAUSE_MS));
    return true;
  };
  void (async () => {
    while (!both.aborted) {
      // Long polling asks again at once; short polling every interval, as a page with a timer does.
      const next = long ? undefined : new Promise((r) => setTimeout(r, everyMs));
      const ok = await pollOnce().catch(() => false);
      // A refused or failed poll (the run ended) stops the loop rather than spinning on it.
      if (!ok) break;
      if (next) await next;
    }
  })();
  return { send: post, close: () => stop.abort() };
}
