import type { CompareMode, CompareReport } from "@duplex/protocol";
import type { CompareEnv } from "./compareEnv.js";

/**
 * An in-page stand-in for the comparison server: sockets and streams echo, polls drain a queue, and
 * the report says what each mode would cost. For the panel's component test.
 */
export function fakeCompareEnv(
  reportFor: (mode: CompareMode, echoed: number) => CompareReport,
): CompareEnv {
  const runs = new Map<
    string,
    { mode: CompareMode; queue: string[]; echoed: number; push?: (t: string) => void }
  >();
  let next = 0;
  const later = (fn: () => void) => setTimeout(fn, 0);

  class FakeWebSocket {
    onopen: (() => void) | null = null;
    onmessage: ((e: { data: string }) => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(url: string) {
      const run = runs.get(new URL(url).searchParams.get("run") ?? "");
      later(() => (run ? this.onopen?.() : this.onerror?.()));
      this.send = (text: string) => {
        if (run) run.echoed += 1;
        later(() => this.onmessage?.({ data: text }));
      };
    }
    send: (text: string) => void;
    close(): void {}
  }

  class FakeEventSource {
    onopen: (() => void) | null = null;
    onmessage: ((e: { data: string }) => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(url: string) {
      const run = runs.get(url.split("/")[4] ?? "");
      if (run) run.push = (text) => later(() => this.onmessage?.({ data: text }));
      later(() => (run ? this.onopen?.() : this.onerror?.()));
    }
    close(): void {}
  }

  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
  const fetchFake = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const [, , , , id = "", what = ""] = String(input).split("?")[0]?.split("/") ?? [];
    const run = runs.get(decodeURIComponent(id));
    if (!run) return Promise.resolve(new Response("{}", { status: 404 }));
    if (what === "send") {
      const text = String(init?.body ?? "");
      run.echoed += 1;
      if (run.push) run.push(text);
      else run.queue.push(text);
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    // Answered on a later task, as a network answer is: a poll loop never runs on microtasks alone.
    if (what === "poll")
      return new Promise((resolve) => later(() => resolve(json(run.queue.splice(0)))));
    runs.delete(id);
    return Promise.resolve(json(reportFor(run.mode, run.echoed)));
  };

  return {
    openRun: (mode) => {
      const id = `run${++next}`;
      runs.set(id, { mode, queue: [], echoed: 0 });
      return Promise.resolve({ id, mode, maxMessages: 200, expiresInMs: 90_000 });
    },
    fetch: fetchFake as typeof fetch,
    WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    wsBase: "ws://duplex.test",
    now: () => performance.now(),
  };
}
