import type { Broker } from "../broker/Broker.js";
import { JsonChannel } from "../broker/JsonChannel.js";
import type { Logger } from "../logger.js";
import type { Mute, RoomAccess } from "../store/RoomAccess.js";

const CHANNEL = "moderation:mutes";

/** A mute or, with `until: 0`, an unmute, as nodes tell each other. */
type MuteChange = Mute;

export interface MutesDeps {
  broker: Broker;
  access: RoomAccess;
  log: Logger;
  now(): number;
}

/**
 * Who may not speak, checked on every send without a database read: each node holds the running mutes
 * in memory, loaded from the store at start and after the broker lost messages (`onReset`), and kept
 * current by a broker channel that every mute and unmute is published on after it is stored. The store
 * is the record; the channel only makes a change felt on every node at once.
 */
export class Mutes extends JsonChannel<MuteChange> {
  /** user → room (`""`: everywhere) → until. Bounded by the mutes moderators set. */
  readonly #byUser = new Map<string, Map<string, number>>();
  #offReset: (() => void) | undefined;
  /** Changes heard while a reload's query runs, applied over its result. */
  #heardDuringReload: MuteChange[] | undefined;

  constructor(private readonly deps: MutesDeps) {
    super(deps.broker, CHANNEL, deps.log, "mute change");
  }

  override async start(): Promise<void> {
    await super.start();
    this.#offReset = this.deps.broker.onReset(() => {
      this.#reload().catch((err: unknown) => this.deps.log.error({ err }, "mutes not reloaded"));
    });
    await this.#reload();
  }

  override async stop(): Promise<void> {
    this.#offReset?.();
    await super.stop();
  }

  /** When the user's mute in `room` (or everywhere) ends; undefined when the user may speak. */
  mutedUntil(userId: string, room: string): number | undefined {
    const mutes = this.#byUser.get(userId);
    if (!mutes) return undefined;
    const now = this.deps.now();
    let until: number | undefined;
    for (const key of ["", room]) {
      const end = mutes.get(key);
      if (end === undefined) continue;
      if (end <= now) mutes.delete(key);
      else until = Math.max(until ?? 0, end);
    }
    if (mutes.size === 0) this.#byUser.delete(userId);
    return until;
  }

  /** Stores the mute, then makes it felt on every node. */
  async mute(mute: Mute): Promise<void> {
    await this.deps.access.mute(mute);
    await this.publish(mute);
  }

  /** Stores the end of a mute, then makes it felt on every node; returns whether there was one. */
  async unmute(userId: string, room: string): Promise<boolean> {
    const had = await this.deps.access.unmute(userId, room);
    await this.publish({ userId, room, until: 0 });
    return had;
  }

  async #reload(): Promise<void> {
    this.#heardDuringReload = [];
    try {
      const mutes = await this.deps.access.activeMutes(this.deps.now());
      this.#byUser.clear();
      for (const mute of [...mutes, ...this.#heardDuringReload]) this.#apply(mute);
    } finally {
      this.#heardDuringReload = undefined;
    }
  }

  /** A mute or unmute stored by any node: felt here from now on. */
  protected hear(change: MuteChange): void {
    this.#heardDuringReload?.push(change);
    this.#apply(change);
  }

  #apply({ userId, room, until }: MuteChange): void {
    let mutes = this.#byUser.get(userId);
    if (until <= this.deps.now()) {
      mutes?.delete(room);
      if (mutes?.size === 0) this.#byUser.delete(userId);
      return;
    }
    if (!mutes) {
      mutes = new Map();
      this.#byUser.set(userId, mutes);
    }
    mutes.set(room, until);
  }
}
