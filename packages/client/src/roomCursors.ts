import type { StreamPosition } from "@duplex/protocol";
import type { KeyValueStorage } from "./types.js";
import { readJson, writeJson } from "./environment.js";

/**
 * Per-room resume positions: the last contiguous `seq` this client delivered and the `epoch` it belongs
 * to (centrifuge-js `StreamPosition`), and beside it the room's change cursor (capability `changes`:
 * the latest edit/delete applied). Persisted, so an app that keeps its own copy of the messages can
 * resume after a reload.
 */
export class RoomCursors {
  readonly #positions = new Map<string, StreamPosition>();
  readonly #changes = new Map<string, number>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {
    const changes = readJson(storage, `${key}:changes`);
    if (typeof changes === "object" && changes !== null) {
      for (const [room, value] of Object.entries(changes)) {
        if (Number.isSafeInteger(value) && (value as number) >= 0) {
          this.#changes.set(room, value as number);
        }
      }
    }
    const stored = readJson(storage, key);
    if (typeof stored !== "object" || stored === null) return;
    for (const [room, value] of Object.entries(stored)) {
      if (isStreamPosition(value))
        this.#positions.set(room, { seq: value.seq, epoch: value.epoch });
    }
  }

  get(room: string): StreamPosition | undefined {
    return this.#positions.get(room);
  }

  set(room: string, position: StreamPosition): void {
    const current = this.#positions.get(room);
    if (current?.seq === position.seq && current.epoch === position.epoch) return;
    this.#positions.set(room, position);
    writeJson(this.storage, this.key, Object.fromEntries(this.#positions));
  }

  delete(room: string): void {
    if (this.#positions.delete(room)) {
      writeJson(this.storage, this.key, Object.fromEntries(this.#positions));
    }
    if (this.#changes.delete(room)) this.#writeChanges();
  }

  /** The room's change cursor: every change up to it has been applied. */
  changeSeq(room: string): number | undefined {
    return this.#changes.get(room);
  }

  /**
   * Moves the change cursor to `changeSeq` if that is further (changes apply idempotently, so a
   * cursor only ever needs the highest one seen).
   */
  noteChange(room: string, changeSeq: number): void {
    if ((this.#changes.get(room) ?? -1) >= changeSeq) return;
    this.#changes.set(room, changeSeq);
    this.#writeChanges();
  }

  #writeChanges(): void {
    writeJson(this.storage, `${this.key}:changes`, Object.fromEntries(this.#changes));
  }

  /** Forgets every position, persisted ones included (sign-out). */
  clear(): void {
    this.#positions.clear();
    this.#changes.clear();
    try {
      this.storage.removeItem(this.key);
      this.storage.removeItem(`${this.key}:changes`);
    } catch {
      // nothing persisted then
    }
  }
}

/** The `StreamPosition` schema's rule without zod: cursors are read at start-up, before zod loads. */
function isStreamPosition(value: unknown): value is StreamPosition {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { seq, epoch, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    Number.isSafeInteger(seq) &&
    (seq as number) >= 0 &&
    typeof epoch === "string" &&
    epoch.length >= 1 &&
    epoch.length <= 64 // `Epoch` in the protocol's fields.ts
  );
}
