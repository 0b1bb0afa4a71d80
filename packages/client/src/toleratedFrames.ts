import { ErrorCode, type DecodeResult, type ServerMessage } from "@duplex/protocol";

// Enough to name every addition of a newer server; bounded so no server can grow it.
const MAX_LOGGED = 100;

/** What tolerant reading set aside so far on one client (protocol README, [C1]–[C3]). */
export interface ToleratedCounts {
  /** Fields this version does not know, ignored (open enums that fell back included). */
  fields: number;
  /** Frames of a message type this version does not know, ignored. */
  types: number;
}

/**
 * Counts and logs once (per label, per client) what a newer server sent that this client does not
 * know: expected during a rolling deploy, worth one line, never worth dropping a frame.
 */
export class ToleratedFrames {
  readonly counts: ToleratedCounts = { fields: 0, types: 0 };
  readonly #logged = new Set<string>();

  /** Returns whether the frame should be delivered; logs what was ignored. */
  note(decoded: DecodeResult<ServerMessage>): boolean {
    if (decoded.ok) {
      for (const label of decoded.ignored ?? []) {
        this.counts.fields += 1;
        this.#once(`${decoded.value.type}.${label}`, "ignored a field it does not know");
      }
      return true;
    }
    if (decoded.error.code === ErrorCode.UnknownType) {
      this.counts.types += 1;
      this.#once(decoded.error.message, "ignored a frame");
    } else {
      console.warn(`duplex client: ignored a bad frame (${decoded.error.message})`);
    }
    return false;
  }

  #once(label: string, what: string): void {
    if (this.#logged.has(label) || this.#logged.size >= MAX_LOGGED) return;
    this.#logged.add(label);
    console.warn(`duplex client: ${what} (${label}); logged once`);
  }
}
