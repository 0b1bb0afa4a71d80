/** How often the web app tells the server how far the user has read, at most. */
export const READ_INTERVAL_MS = 1_000;

/**
 * Coalesces read cursors: the latest `seq` per room goes out at most once per interval, so scrolling
 * through a busy room sends one `read` a second, not one per message (the server limits the rate).
 */
export class ReadSender {
  readonly #pending = new Map<string, number>();
  readonly #sent = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (room: string, seq: number) => void,
    private readonly intervalMs: number = READ_INTERVAL_MS,
  ) {}

  /** The user has seen `room` up to `seq`. */
  mark(room: string, seq: number): void {
    if (seq <= 0 || (this.#sent.get(room) ?? 0) >= seq) return;
    if ((this.#pending.get(room) ?? 0) >= seq) return;
    this.#pending.set(room, seq);
    this.#timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const [room, seq] of this.#pending) {
      this.#sent.set(room, seq);
      this.send(room, seq);
    }
    this.#pending.clear();
  }

  /** Forgets everything (sign-out). */
  reset(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
    this.#sent.clear();
  }
}
