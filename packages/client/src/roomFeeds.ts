import { LIMITS } from "@duplex/protocol";
import type { ChatMessage, ServerMessageOf } from "@duplex/protocol";
import type { RoomCursors } from "./roomCursors.js";

export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

export interface RoomFeedsDeps {
  cursors: RoomCursors;
  /** A `history` request on the current socket. */
  fetchHistory: (room: string, before: number | undefined, limit: number) => Promise<HistoryPage>;
  /** Hands messages to the app: in `seq` order, each once; `reset` replaces the app's copy. */
  deliver: (room: string, messages: ChatMessage[], reset: boolean) => void;
}

interface Feed {
  /** `joined` arrived on the current socket; until then live messages are only held. */
  ready: boolean;
  /** Messages ahead of the cursor, waiting for the gap before them to be filled. */
  held: Map<number, ChatMessage>;
  /** The highest `seq` known to exist (from `joined.seq` or a held message). */
  top: number;
  filling: boolean;
}

/**
 * Turns `joined`, live `message`s and `history` pages into one gap-free, duplicate-free stream per room.
 * The cursor is the last contiguous `seq` delivered: anything at or below it is a duplicate, cursor + 1
 * goes out at once, anything beyond waits (`#drain`) until `history` fills the hole: gaps are
 * detected by seq and repaired by history.
 */
export class RoomFeeds {
  readonly #feeds = new Map<string, Feed>();
  /** Bumped on every disconnect so history pages from a dead socket are ignored. */
  #generation = 0;

  constructor(private readonly deps: RoomFeedsDeps) {}

  /** `resumed`: the join carried `since`, so a `recovered: true` answer holds only the missed messages. */
  onJoined(joined: ServerMessageOf<"joined">, resumed: boolean): void {
    const feed = this.#feed(joined.room);
    const { cursors } = this.deps;
    feed.ready = true;
    feed.top = Math.max(feed.top, joined.seq);
    const cursor = cursors.get(joined.room);
    if (resumed && joined.recovered === true && cursor?.epoch === joined.epoch) {
      for (const m of joined.messages) if (m.seq > cursor.seq) feed.held.set(m.seq, m);
    } else {
      for (const seq of feed.held.keys()) if (seq <= joined.seq) feed.held.delete(seq);
      cursors.set(joined.room, { seq: joined.seq, epoch: joined.epoch });
      this.deps.deliver(joined.room, joined.messages, true);
    }
    this.#drain(joined.room, feed);
  }

  onMessage(message: ChatMessage): void {
    const feed = this.#feeds.get(message.room);
    if (feed === undefined) return; // not a room we joined
    const cursor = this.deps.cursors.get(message.room);
    if (feed.ready && cursor !== undefined) {
      if (message.seq <= cursor.seq) return; // a duplicate
      // The next one, with nothing held or known missing (the usual live message): out at once.
      if (message.seq === cursor.seq + 1 && feed.held.size === 0 && feed.top <= message.seq) {
        feed.top = message.seq;
        this.deps.cursors.set(message.room, { seq: message.seq, epoch: cursor.epoch });
        this.deps.deliver(message.room, [message], false);
        return;
      }
    }
    feed.held.set(message.seq, message);
    feed.top = Math.max(feed.top, message.seq);
    if (feed.ready) this.#drain(message.room, feed);
  }

  /** Starts tracking a room the app joins. */
  track(room: string): void {
    this.#feed(room);
  }

  forget(room: string): void {
    this.#feeds.delete(room);
  }

  /** Forgets every room; history pages still on their way are ignored. */
  forgetAll(): void {
    this.#generation += 1;
    this.#feeds.clear();
  }

  /** The socket is gone: every room waits for its next `joined`. */
  onDisconnect(): void {
    this.#generation += 1;
    for (const feed of this.#feeds.values()) {
      feed.ready = false;
      feed.filling = false;
      feed.held.clear();
    }
  }

  #feed(room: string): Feed {
    let feed = this.#feeds.get(room);
    if (feed === undefined) {
      feed = { ready: false, held: new Map(), top: 0, filling: false };
      this.#feeds.set(room, feed);
    }
    return feed;
  }

  /** Delivers the contiguous run after the cursor; starts a gap fill if anything is still missing. */
  #drain(room: string, feed: Feed): void {
    const cursor = this.deps.cursors.get(room);
    if (cursor === undefined) return;
    const run: ChatMessage[] = [];
    let seq = cursor.seq;
    for (let next = feed.held.get(seq + 1); next !== undefined; next = feed.held.get(seq + 1)) {
      feed.held.delete(seq + 1);
      run.push(next);
      seq += 1;
    }
    for (const stale of feed.held.keys()) if (stale <= seq) feed.held.delete(stale);
    if (run.length > 0) {
      this.deps.cursors.set(room, { seq, epoch: cursor.epoch });
      this.deps.deliver(room, run, false);
    }
    if (feed.top > seq && !feed.filling) void this.#fill(room, feed);
  }

  /** Fetches the page just below the lowest held message (or the known top), then drains again. */
  async #fill(room: string, feed: Feed): Promise<void> {
    const generation = this.#generation;
    feed.filling = true;
    let handedOff = false;
    try {
      const cursor = this.deps.cursors.get(room);
      if (cursor === undefined || feed.top <= cursor.seq) return;
      const lowestHeld = Math.min(...feed.held.keys());
      const before = Number.isFinite(lowestHeld) ? lowestHeld : feed.top + 1;
      const missing = before - cursor.seq - 1;
      if (missing > LIMITS.maxResumeGap) {
        await this.#reload(room, feed, generation);
        return;
      }
      const page = await this.deps.fetchHistory(
        room,
        before,
        Math.min(missing, LIMITS.maxHistoryLimit),
      );
      if (generation !== this.#generation || this.#feeds.get(room) !== feed) return;
      const fresh = page.messages.filter((m) => m.seq > cursor.seq && m.seq < before);
      for (const m of fresh) feed.held.set(m.seq, m);
      // The store never skips a seq; if it returned nothing for the hole, do not spin on it.
      if (fresh.length === 0) this.deps.cursors.set(room, { seq: before - 1, epoch: cursor.epoch });
      feed.filling = false;
      handedOff = true;
      this.#drain(room, feed); // starts the next round if a hole is left
    } catch {
      // The socket died mid-fill; the next `joined` resumes from the cursor.
    } finally {
      if (!handedOff && generation === this.#generation) feed.filling = false;
    }
  }

  /** Too far behind to fill page by page: replace the app's copy with the latest page. */
  async #reload(room: string, feed: Feed, generation: number): Promise<void> {
    const page = await this.deps.fetchHistory(room, undefined, LIMITS.joinedPageSize);
    if (generation !== this.#generation || this.#feeds.get(room) !== feed) return;
    const last = page.messages.at(-1)?.seq ?? feed.top;
    const epoch = this.deps.cursors.get(room)?.epoch;
    if (epoch === undefined) return;
    for (const seq of feed.held.keys()) if (seq <= last) feed.held.delete(seq);
    this.deps.cursors.set(room, { seq: last, epoch });
    this.deps.deliver(room, page.messages, true);
  }
}
