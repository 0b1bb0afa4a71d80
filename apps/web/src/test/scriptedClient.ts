import type * as client from "@duplex/client";
import { checkText, type ChatMessage, type ServerMessage, type User } from "@duplex/protocol";
import type { ChatClient } from "../store/chatClient.js";

/**
 * A client whose events the test fires by hand, recording what the store asked of it. It speaks the
 * same events as `DuplexClient`, so what passes here is what the app does with the real one.
 */
export class ScriptedClient implements ChatClient {
  state: client.ConnectionState = { status: "idle", attempt: 0 };
  user: User | undefined;
  rttMs: number | undefined;
  outbox: client.OutboxEntry[] = [];
  readonly calls: string[] = [];
  readonly #handlers = new Map<client.ClientEventName, Set<(...args: never[]) => void>>();
  #nextCid = 1;

  on<E extends client.ClientEventName>(event: E, handler: client.ClientEvents[E]): () => void {
    const set = this.#handlers.get(event) ?? new Set();
    this.#handlers.set(event, set);
    set.add(handler);
    return () => set.delete(handler);
  }

  emit<E extends client.ClientEventName>(
    event: E,
    ...args: Parameters<client.ClientEvents[E]>
  ): void {
    for (const handler of this.#handlers.get(event) ?? []) {
      (handler as unknown as (...a: Parameters<client.ClientEvents[E]>) => void)(...args);
    }
  }

  token: string | undefined;
  useToken(token: string | undefined): void {
    this.calls.push(token === undefined ? "forget token" : `use token ${token}`);
    this.token = token;
  }
  forget(): void {
    this.calls.push("forget");
    this.token = undefined;
    this.setOutbox([]);
    this.setState({ status: "closed", attempt: 0 });
  }
  setName(name: string): void {
    this.calls.push(`setName ${name}`);
  }
  connect(): void {
    this.calls.push("connect");
    // Like the real client: only from idle or closed.
    if (this.state.status !== "idle" && this.state.status !== "closed") return;
    this.setState({ status: "connecting", attempt: 0 });
  }
  close(): void {
    this.calls.push("close");
  }
  join(room: string): void {
    this.calls.push(`join ${room}`);
  }
  leave(room: string): void {
    this.calls.push(`leave ${room}`);
  }
  open(room: string): void {
    this.calls.push(`open ${room}`);
  }
  /** Read cursors sent (`read`), kept apart from `calls`. */
  readonly reads: string[] = [];
  read(room: string, seq: number): void {
    this.reads.push(`${room} ${seq}`);
  }
  send(room: string, text: string, options: client.SendOptions = {}): client.OutboxEntry {
    // As the real client: text the server would refuse never enters the outbox.
    const valid = checkText(text);
    if (!valid.ok) throw new RangeError(`text ${valid.problem.message}`);
    const reply = options.replyTo === undefined ? "" : ` replyTo ${options.replyTo}`;
    const thread =
      options.thread === undefined
        ? ""
        : ` thread ${options.thread}${options.alsoToRoom === true ? " alsoToRoom" : ""}`;
    this.calls.push(`send ${room} ${text}${reply}${thread}`);
    const entry: client.OutboxEntry = {
      cid: `cid-${this.#nextCid++}`,
      room,
      text,
      createdAt: Date.now(),
      status: "queued",
    };
    this.setOutbox([...this.outbox, entry]);
    return entry;
  }

  retry(cid: string): void {
    this.calls.push(`retry ${cid}`);
    this.updateEntry(cid, { status: "queued" });
  }
  discard(cid: string): void {
    this.calls.push(`discard ${cid}`);
    this.setOutbox(this.outbox.filter((e) => e.cid !== cid));
  }
  typing(room: string): void {
    this.calls.push(`typing ${room}`);
  }
  /** Pending `history` requests, answered by `answerHistory`. */
  readonly historyRequests: Array<{
    room: string;
    before?: number;
    answer(r: client.HistoryReply): void;
  }> = [];
  history(room: string, before?: number): Promise<client.HistoryReply> {
    this.calls.push(`history ${room} ${before ?? "latest"}`);
    return new Promise((answer) =>
      this.historyRequests.push({ room, ...(before !== undefined && { before }), answer }),
    );
  }
  /** Pending `members` requests; the test answers or refuses each. */
  readonly memberRequests: Array<{
    room: string;
    options: client.MembersOptions;
    answer(r: client.MembersReply): void;
    refuse(e: Error): void;
  }> = [];
  members(room: string, options: client.MembersOptions = {}): Promise<client.MembersReply> {
    this.calls.push(`members ${room} ${JSON.stringify(options)}`);
    return new Promise((answer, refuse) =>
      this.memberRequests.push({ room, options, answer, refuse }),
    );
  }
  watchMembers(room: string, watch: boolean): Promise<boolean> {
    this.calls.push(`${watch ? "watch" : "unwatch"} members ${room}`);
    return Promise.resolve(watch);
  }
  rooms(): Promise<client.RoomsReply> {
    this.calls.push("rooms");
    // Like the real client, the reply is also a `message` event; the test emits it.
    return new Promise(() => undefined);
  }
  request(message: client.RequestMessage): Promise<ServerMessage> {
    this.calls.push(`request ${JSON.stringify(message)}`);
    return new Promise(() => undefined);
  }
  /** Pending `thread` requests, answered by the test. */
  readonly threadRequests: Array<{
    room: string;
    root: string;
    answer(r: client.ThreadReply): void;
  }> = [];
  thread(room: string, root: string): Promise<client.ThreadReply> {
    this.calls.push(`thread ${room} ${root}`);
    return new Promise((answer) => this.threadRequests.push({ room, root, answer }));
  }
  /** Thread cursors sent (`thread_read`), kept apart from `calls`. */
  readonly threadReads: string[] = [];
  threadRead(room: string, root: string, seq: number): void {
    this.threadReads.push(`${room} ${root} ${seq}`);
  }

  // Helpers that play the server's part.

  setState(state: client.ConnectionState): void {
    this.state = state;
    this.emit("state", state);
  }

  setOutbox(entries: client.OutboxEntry[]): void {
    this.outbox = entries;
    this.emit("outbox", entries);
  }

  /** Marks an outbox entry with a new status, as the client does on ack or error. */
  updateEntry(cid: string, patch: Partial<client.OutboxEntry>): void {
    this.setOutbox(this.outbox.map((e) => (e.cid === cid ? { ...e, ...patch } : e)));
  }

  /** As `DuplexClient` acks: the entry stays, acked, until its room delivers the stored copy. */
  ack(cid: string): void {
    this.updateEntry(cid, { status: "acked" });
  }

  welcome(user: User): void {
    this.user = user;
    this.setState({ status: "open", attempt: 0 });
    this.emit("user", user);
  }

  /** As `DuplexClient` delivers: the room's messages, then acked entries whose copy arrived leave. */
  deliver(room: string, messages: ChatMessage[], reset = false): void {
    this.emit("roomMessages", room, messages, reset);
    const cids = new Set(messages.map((m) => m.cid));
    const handedOver = (e: client.OutboxEntry): boolean =>
      e.room === room && e.status === "acked" && cids.has(e.cid);
    if (this.outbox.some(handedOver)) this.setOutbox(this.outbox.filter((e) => !handedOver(e)));
  }

  /** Answers the oldest pending `history` request, as the server and client together would. */
  answerHistory(messages: ChatMessage[], hasMore: boolean): void {
    const pending = this.historyRequests.shift();
    if (!pending) throw new Error("no history request is pending");
    const reply: client.HistoryReply = { type: "history", room: pending.room, messages, hasMore };
    this.emit("message", reply);
    pending.answer(reply);
  }
}

export const ALICE: User = { id: "u_alice000000", name: "Alice" };
export const BOB: User = { id: "u_bob00000000", name: "Bob" };

let nextSeq = 1;

/** A stored chat message, as the server would send it. */
export function chatMessage(
  from: User,
  text: string,
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  const seq = extra.seq ?? nextSeq++;
  return {
    room: "general",
    id: `m${seq}`,
    seq,
    cid: `remote-${seq}`,
    from,
    text,
    ts: Date.UTC(2026, 10, 25, 12, 0, 0),
    ...extra,
  };
}
