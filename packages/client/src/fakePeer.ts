import { LIMITS, grantCapabilities } from "@duplex/protocol";
import type { ChatMessage, ClientMessage, SendLimits, User } from "@duplex/protocol";
import { FakeSocket, type FakeSocketHost } from "./fakeSocket.js";
import type { WebSocketConstructor } from "./types.js";

interface FakeRoom {
  epoch: string;
  messages: ChatMessage[];
}

export interface FakePeerOptions {
  /** Accept new sockets by themselves (on the next microtask). @default true */
  autoAccept?: boolean;
  /** Answer hello/join/send/history/ping/rooms like a real server. @default true */
  autoReply?: boolean;
  /** `welcome.heartbeatMs`. @default 25000 */
  heartbeatMs?: number;
  /** Clock for message timestamps. @default Date.now */
  now?: () => number;
  /** `welcome.limits` (announced only; refusing is up to `onFrame`). @default undefined */
  sendLimits?: SendLimits;
}

/**
 * An in-process fake Duplex server for client tests (after centrifuge-js `fakeServer.ts`): speaks the
 * protocol well enough (hello, join with `since`, send with cid de-dup, history, ping, rooms), records
 * every socket, and lets tests intercept frames with `onFrame` or go silent with `answerPings = false`.
 */
export class FakePeer implements FakeSocketHost {
  readonly sockets: FakeSocket[] = [];
  readonly rooms = new Map<string, FakeRoom>();
  /** Return true to take over a frame (the default reply is skipped). */
  onFrame: ((socket: FakeSocket, message: ClientMessage) => boolean | void) | undefined;
  /** Binary frames (upload chunks) the client sent; the fake answers none by itself. */
  onBinary: ((socket: FakeSocket, frame: Uint8Array) => void) | undefined;
  /** Set false to simulate a half-open link: pings go unanswered. */
  answerPings = true;
  readonly #options: Required<Omit<FakePeerOptions, "sendLimits">>;
  readonly #sendLimits: SendLimits | undefined;
  readonly #live = new Set<FakeSocket>();
  #users = 0;

  constructor(options: FakePeerOptions = {}) {
    this.#options = {
      autoAccept: options.autoAccept ?? true,
      autoReply: options.autoReply ?? true,
      heartbeatMs: options.heartbeatMs ?? 25_000,
      now: options.now ?? Date.now,
    };
    this.#sendLimits = options.sendLimits;
  }

  /**
   * Hands frames of `type` to `handle` instead of answering them (with `once`, only the next one);
   * every other frame is answered as usual. Replaces `onFrame`.
   */
  intercept<T extends ClientMessage["type"]>(
    type: T,
    handle: (socket: FakeSocket, message: Extract<ClientMessage, { type: T }>) => void,
    { once = false } = {},
  ): void {
    this.onFrame = (socket, m) => {
      if (m.type !== type) return false;
      if (once) this.onFrame = undefined;
      handle(socket, m as Extract<ClientMessage, { type: T }>);
      return true;
    };
  }

  /** The constructor to inject as the client's `WebSocket` option. */
  get WebSocket(): WebSocketConstructor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below closes over this peer
    const peer = this;
    return class extends FakeSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, peer);
        peer.#connect(this);
      }
    };
  }

  /** The most recent socket. */
  get last(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) throw new Error("FakePeer: no socket yet");
    return socket;
  }

  /** Sockets not yet closed. */
  get live(): FakeSocket[] {
    return [...this.#live];
  }

  room(name: string): FakeRoom {
    let room = this.rooms.get(name);
    if (room === undefined) {
      room = { epoch: "e1", messages: [] };
      this.rooms.set(name, room);
    }
    return room;
  }

  /** Stores a message as if another user sent it; `deliver: false` stores it silently (a gap). */
  publish(roomName: string, text: string, options: { deliver?: boolean; from?: User } = {}) {
    const room = this.room(roomName);
    const seq = room.messages.length + 1;
    const message: ChatMessage = {
      room: roomName,
      id: `m${roomName}-${seq}`,
      seq,
      cid: `peer-${roomName}-${seq}`,
      from: options.from ?? { id: "u_otheruser00", name: "other" },
      text,
      ts: this.#options.now(),
    };
    room.messages.push(message);
    if (options.deliver !== false) this.#fanout(roomName, message);
    return message;
  }

  forget(socket: FakeSocket): void {
    this.#live.delete(socket);
  }

  onClientFrame(socket: FakeSocket, message: ClientMessage): void {
    if (this.onFrame?.(socket, message) === true || !this.#options.autoReply) return;
    this.#reply(socket, message);
  }

  #connect(socket: FakeSocket): void {
    this.sockets.push(socket);
    this.#live.add(socket);
    if (this.#options.autoAccept) socket.accept();
  }

  #reply(socket: FakeSocket, m: ClientMessage): void {
    const now = this.#options.now();
    switch (m.type) {
      case "hello": {
        this.#users += 1;
        const id =
          m.token?.startsWith("tok:") === true
            ? m.token.slice(4)
            : `u_fakeuser${String(this.#users).padStart(4, "0")}`;
        socket.user = { id, name: m.name ?? `guest${this.#users}` };
        socket.push({
          type: "welcome",
          user: socket.user,
          token: `tok:${id}`,
          tokenExpiresAt: now + 1e9,
          heartbeatMs: this.#options.heartbeatMs,
          serverTime: now,
          protocolVersion: 1,
          ...(this.#sendLimits !== undefined && { limits: this.#sendLimits }),
          caps: grantCapabilities(m.caps),
        });
        return;
      }
      case "join": {
        const room = this.room(m.room);
        socket.rooms.add(m.room);
        const seq = room.messages.length;
        const base = {
          type: "joined" as const,
          ref: m.ref,
          room: m.room,
          members: socket.user ? [socket.user] : [],
          seq,
          epoch: room.epoch,
        };
        if (m.since !== undefined) {
          const recovered =
            m.since.epoch === room.epoch && seq - m.since.seq <= LIMITS.maxResumeGap;
          const messages = recovered
            ? room.messages.slice(m.since.seq)
            : room.messages.slice(-LIMITS.joinedPageSize);
          socket.push({
            ...base,
            messages,
            hasMore: !recovered && seq > LIMITS.joinedPageSize,
            recovered,
          });
        } else {
          socket.push({
            ...base,
            messages: room.messages.slice(-LIMITS.joinedPageSize),
            hasMore: seq > LIMITS.joinedPageSize,
          });
        }
        return;
      }
      case "leave":
        socket.rooms.delete(m.room);
        socket.push({ type: "left", ref: m.ref, room: m.room });
        return;
      case "send": {
        if (!socket.rooms.has(m.room)) {
          socket.push({ type: "error", ref: m.ref, code: "not_joined", message: "join first" });
          return;
        }
        const room = this.room(m.room);
        const existing = room.messages.find(
          (x) => x.cid === m.cid && x.from.id === socket.user?.id,
        );
        if (existing !== undefined) {
          socket.push({
            type: "ack",
            ref: m.ref,
            room: m.room,
            cid: m.cid,
            id: existing.id,
            seq: existing.seq,
            ts: existing.ts,
          });
          return;
        }
        const seq = room.messages.length + 1;
        const message: ChatMessage = {
          room: m.room,
          id: `m${m.room}-${seq}`,
          seq,
          cid: m.cid,
          from: socket.user ?? { id: "u_anonymous00", name: "anon" },
          text: m.text,
          ts: now,
        };
        room.messages.push(message);
        socket.push({
          type: "ack",
          ref: m.ref,
          room: m.room,
          cid: m.cid,
          id: message.id,
          seq,
          ts: now,
        });
        this.#fanout(m.room, message);
        return;
      }
      case "history": {
        const room = this.room(m.room);
        const below = room.messages.filter((x) => m.before === undefined || x.seq < m.before);
        const limit = m.limit ?? LIMITS.joinedPageSize;
        socket.push({
          type: "history",
          ref: m.ref,
          room: m.room,
          messages: below.slice(-limit),
          hasMore: below.length > limit,
        });
        return;
      }
      case "ping":
        if (this.answerPings) socket.push({ type: "pong", t: m.t, serverTime: now });
        return;
      case "rooms":
        socket.push({
          type: "rooms",
          ref: m.ref,
          rooms: [...this.rooms].map(([room, r]) => ({ room, online: 0, seq: r.messages.length })),
        });
        return;
      default:
        return;
    }
  }

  #fanout(room: string, message: ChatMessage): void {
    for (const s of this.#live) if (s.rooms.has(room)) s.push({ type: "message", ...message });
  }
}
