import { EventStreamParser, type StreamEvent } from "@duplex/client";
import { SSE_PATH } from "@duplex/protocol";

/** What `POST /sse` announces first on the stream. */
export interface RawLink {
  stream: string;
  ticket: string;
}

/**
 * Reads an event stream's body in the background (an answer that is not a stream has none): the
 * events so far, a wait for the first one matching, and whether the stream ended.
 */
export function readEventStream(res: Response) {
  const events: StreamEvent[] = [];
  let ended = false;
  const body = res.body;
  if (res.ok && body !== null) {
    void (async () => {
      const parser = new EventStreamParser();
      try {
        for await (const chunk of body) events.push(...parser.push(chunk));
      } catch {
        // aborted
      }
      ended = true;
    })();
  } else {
    ended = true;
  }
  const waitFor = async (match: (e: StreamEvent) => boolean): Promise<StreamEvent> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event in ${JSON.stringify(events)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { events, waitFor, ended: () => ended };
}

/** Opens a link on `base` the way the client does (the open is the stream). */
export async function openRawLink(base: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}${SSE_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ protocols: ["duplex.v1"] }),
    signal: abort.signal,
  });
  if (res.body === null) throw new Error("no stream");
  const stream = readEventStream(res);
  const link = JSON.parse((await stream.waitFor((e) => e.event === "link")).data) as RawLink;
  return { link, ...stream, abort: () => abort.abort() };
}
