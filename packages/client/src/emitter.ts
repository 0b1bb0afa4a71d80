type Listener = (...args: never[]) => void;

/** A tiny typed event emitter. Handlers run synchronously in registration order; one throwing handler
 * does not stop the others or corrupt the caller's state. */
export class Emitter<Events extends { [K in keyof Events]: Listener }> {
  readonly #handlers = new Map<keyof Events, Set<Listener>>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof Events>(event: K, handler: Events[K]): () => void {
    let set = this.#handlers.get(event);
    if (set === undefined) {
      set = new Set();
      this.#handlers.set(event, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    const set = this.#handlers.get(event);
    if (set === undefined) return;
    for (const handler of [...set]) {
      try {
        (handler as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (error) {
        console.error(`duplex client: a "${String(event)}" handler threw`, error);
      }
    }
  }
}
