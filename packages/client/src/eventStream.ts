/** One Server-Sent Event: its `event` name (default `message`), `id` if any, and `data`. */
export interface StreamEvent {
  event: string;
  id: string | undefined;
  data: string;
}

/**
 * Parses `text/event-stream` bytes as they arrive (WHATWG HTML §9.2.6): events end at a blank line,
 * comment lines (`:`) are ignored, multi-line `data` is joined by newlines.
 */
export class EventStreamParser {
  readonly #decoder = new TextDecoder();
  #buffer = "";

  push(chunk: Uint8Array): StreamEvent[] {
    this.#buffer += this.#decoder.decode(chunk, { stream: true });
    const events: StreamEvent[] = [];
    for (;;) {
      const match = /\r\n\r\n|\n\n|\r\r/.exec(this.#buffer);
      if (match === null) break;
      const block = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = parseBlock(block);
      if (event !== undefined) events.push(event);
    }
    return events;
  }
}

function parseBlock(block: string): StreamEvent | undefined {
  let event = "message";
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  return data.length === 0 ? undefined : { event, id, data: data.join("\n") };
}
