import { SUBPROTOCOL } from "@duplex/protocol";
import { WebSocket } from "ws";

/**
 * A scripted two-user v1 conversation (hello → welcome → join → send → ack → message → presence →
 * history → edit → delete → ping → close) and what each user received at each step, as raw frames.
 * Recorded once from the server as it was when v1 was published; replayed against the server of every
 * change, so a client written against v1 then keeps reading every frame right.
 */
export interface RecordedStep {
  step: string;
  /** Raw frames each user received during the step, normalised (see {@link normalise}). */
  received: Record<UserKey, unknown[]>;
}

export type UserKey = "alice" | "bob";

type Frame = Record<string, unknown>;

/**
 * Whether `frame` announces the join of someone this peer already knows to be in the room (from
 * `joined.members` or an earlier join). By [R5] that changes nothing for a v1 client; whether it is
 * sent depends on when the presence window closed relative to the join, so it is not part of the
 * recording. Updates `members`.
 */
function isRedundantJoin(members: Map<string, Set<string>>, frame: Frame): boolean {
  const room = String(frame.room);
  const ids = () => {
    const set = members.get(room) ?? new Set<string>();
    members.set(room, set);
    return set;
  };
  if (frame.type === "joined") {
    members.set(room, new Set((frame.members as { id: string }[]).map((u) => u.id)));
    return false;
  }
  if (frame.type === "presence_diff") {
    const joined = (frame.joined as { id: string }[]).map((u) => u.id);
    const left = (frame.left as { id: string }[]).map((u) => u.id);
    const redundant = left.length === 0 && joined.every((id) => ids().has(id));
    for (const id of left) ids().delete(id);
    for (const id of joined) ids().add(id);
    return redundant;
  }
  if (frame.type !== "presence") return false;
  const id = (frame.user as { id: string }).id;
  if (frame.event === "leave") {
    ids().delete(id);
    return false;
  }
  if (ids().has(id)) return true;
  ids().add(id);
  return false;
}

/** A raw client that keeps every text frame, decoded only by `JSON.parse` like any v1 client. */
export class RawPeer {
  readonly frames: Frame[] = [];
  #listeners = new Set<() => void>();
  readonly #members = new Map<string, Set<string>>();
  readonly closed: Promise<number>;

  private constructor(
    readonly ws: WebSocket,
    dropRedundantJoins: boolean,
  ) {
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (dropRedundantJoins && isRedundantJoin(this.#members, frame)) return;
      this.frames.push(frame);
      for (const listener of this.#listeners) listener();
    });
    this.closed = new Promise((resolve) => ws.on("close", (code) => resolve(code)));
  }

  /** `dropRedundantJoins`: leave out joins of members already known (see {@link isRedundantJoin}). */
  static open(url: string, { dropRedundantJoins = false } = {}): Promise<RawPeer> {
    const ws = new WebSocket(url, [SUBPROTOCOL]);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(new RawPeer(ws, dropRedundantJoins)));
      ws.once("error", reject);
    });
  }

  send(frame: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Waits until frames of these types (a multiset) have arrived since `from`; returns them. */
  async until(from: number, types: readonly string[], timeoutMs = 5_000): Promise<unknown[]> {
    const done = () => {
      const left = [...types];
      for (const frame of this.frames.slice(from)) {
        // A client that asked for batched presence may get a `presence_diff` where v1 has `presence`.
        const type = frame.type === "presence_diff" ? "presence" : String(frame.type);
        const i = left.indexOf(type);
        if (i >= 0) left.splice(i, 1);
      }
      return left.length === 0;
    };
    if (!done()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.#listeners.delete(check);
          const seen = this.frames.slice(from).map((f) => f.type);
          reject(new Error(`timed out waiting for [${types}]; got [${seen.join(", ")}]`));
        }, timeoutMs);
        const check = () => {
          if (!done()) return;
          clearTimeout(timer);
          this.#listeners.delete(check);
          resolve();
        };
        this.#listeners.add(check);
      });
    }
    return this.frames.slice(from);
  }
}

// Values that differ on every run; their keys stay, so an added or removed field still shows.
const VOLATILE_KEYS = new Set([
  ...["token", "tokenExpiresAt", "serverTime", "ts", "epoch", "t", "editedAt"],
  // Settings and wording, not format: a v1 reader takes any number or text here.
  ...["heartbeatMs", "sendBurst", "sendPerSecond", "message"],
]);
const ID_PATTERN = /^(u|m|n)_[A-Za-z0-9_-]+$/;

/** Replaces run-specific values with placeholders; keeps every key, type and stable value. */
export function normalise(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v, k)]),
    );
  }
  if (VOLATILE_KEYS.has(key)) return `<${typeof value}>`;
  if (typeof value === "string" && ID_PATTERN.test(value)) return `<${value.slice(0, 1)}_id>`;
  if (typeof value === "string" && /^dm:/.test(value)) return "<dm room>";
  return value;
}

/** A step's frames in a stable order (frames of one step may race between sockets' writes). */
export function stable(frames: readonly unknown[]): unknown[] {
  return frames
    .map((f) => normalise(f))
    .sort((a, b) => {
      const ka = JSON.stringify(a);
      const kb = JSON.stringify(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

interface Step {
  name: string;
  act: (peers: Record<UserKey, RawPeer>, state: { messageId?: string }) => void;
  /** The frame types each user receives during the step: the step ends when all have arrived. */
  expect: Record<UserKey, readonly string[]>;
}

/** The conversation. `hello` of each user may add fields (e.g. `caps`) through `hello`. */
export function conversation(hello: Record<string, unknown> = {}): Step[] {
  return [
    {
      name: "alice: hello → welcome",
      act: (p) => p.alice.send({ type: "hello", name: "alice", ...hello }),
      expect: { alice: ["welcome"], bob: [] },
    },
    {
      name: "alice: join general → joined",
      act: (p) => p.alice.send({ type: "join", room: "general", ref: "j1" }),
      expect: { alice: ["joined"], bob: [] },
    },
    {
      name: "bob: hello, join → welcome, joined; alice hears presence join",
      act: (p) => {
        p.bob.send({ type: "hello", name: "bob", ...hello });
        p.bob.send({ type: "join", room: "general" });
      },
      expect: { alice: ["presence"], bob: ["welcome", "joined"] },
    },
    {
      name: "alice: send → ack; message to both",
      act: (p) => p.alice.send({ type: "send", room: "general", cid: "c-1", text: "hi bob" }),
      expect: { alice: ["ack", "message"], bob: ["message"] },
    },
    {
      name: "bob: history → history",
      act: (p) => p.bob.send({ type: "history", room: "general", limit: 10, ref: "h1" }),
      expect: { alice: [], bob: ["history"] },
    },
    {
      name: "alice: edit → edited to both",
      act: (p, s) =>
        p.alice.send({ type: "edit", room: "general", id: s.messageId, text: "hi Bob", ref: "e1" }),
      expect: { alice: ["edited"], bob: ["edited"] },
    },
    {
      name: "alice: delete → deleted to both",
      act: (p, s) => p.alice.send({ type: "delete", room: "general", id: s.messageId }),
      expect: { alice: ["deleted"], bob: ["deleted"] },
    },
    {
      name: "alice: ping → pong",
      act: (p) => p.alice.send({ type: "ping", t: 1 }),
      expect: { alice: ["pong"], bob: [] },
    },
    {
      name: "bob: leave → left; alice hears presence leave",
      act: (p) => p.bob.send({ type: "leave", room: "general", ref: "l1" }),
      expect: { alice: ["presence"], bob: ["left"] },
    },
    {
      name: "bad frames: unknown type and invalid field get errors, the socket stays open",
      act: (p) => {
        p.bob.send({ type: "shout", ref: "x1" });
        p.bob.send({ type: "join", room: 5, ref: "x2" });
      },
      expect: { alice: [], bob: ["error", "error"] },
    },
  ];
}

/** Runs the conversation against `url` and returns what each user received at each step. */
export async function runConversation(
  url: string,
  hello: Record<string, unknown> = {},
): Promise<RecordedStep[]> {
  const options = { dropRedundantJoins: true };
  const peers = { alice: await RawPeer.open(url, options), bob: await RawPeer.open(url, options) };
  const state: { messageId?: string } = {};
  const steps: RecordedStep[] = [];
  try {
    for (const step of conversation(hello)) {
      const from = { alice: peers.alice.frames.length, bob: peers.bob.frames.length };
      step.act(peers, state);
      const alice = await peers.alice.until(from.alice, step.expect.alice);
      const bob = await peers.bob.until(from.bob, step.expect.bob);
      const ack = alice.find((f) => (f as { type?: string }).type === "ack") as
        { id: string } | undefined;
      if (ack) state.messageId = ack.id;
      steps.push({ step: step.name, received: { alice, bob } });
    }
    peers.alice.ws.close(1000, "bye");
    const code = await peers.alice.closed;
    steps.push({ step: `alice: close → ${code}`, received: { alice: [], bob: [] } });
  } finally {
    peers.alice.ws.terminate();
    peers.bob.ws.terminate();
  }
  return steps;
}
