import { ErrorCode, type ClientMessage, type DecodeResult } from "@duplex/protocol";
import type { Logger } from "../logger.js";
import type { TrafficCounters } from "./trafficCounters.js";

// Enough to name every addition a newer client makes, small enough that a fuzzer cannot grow it.
const MAX_LOGGED_LABELS = 200;

/**
 * Counts what tolerant reading set aside in client frames (unknown fields, unknown message types) and
 * logs each distinct label once per server: a newer client during a rolling deploy is expected, and a
 * line per frame would bury everything else.
 */
export class ToleratedInput {
  readonly #logged = new Set<string>();

  constructor(
    private readonly traffic: TrafficCounters,
    private readonly log: Logger,
  ) {}

  note(decoded: DecodeResult<ClientMessage>): void {
    if (decoded.ok) {
      if (decoded.ignored === undefined) return;
      this.traffic.ignoredFields += decoded.ignored.length;
      for (const label of decoded.ignored) this.#once(`${decoded.value.type}.${label}`, "field");
      return;
    }
    if (decoded.error.code !== ErrorCode.UnknownType) return;
    this.traffic.unknownTypes += 1;
    this.#once(decoded.error.message, "type");
  }

  #once(label: string, kind: "field" | "type"): void {
    if (this.#logged.has(label) || this.#logged.size >= MAX_LOGGED_LABELS) return;
    this.#logged.add(label);
    this.log.info({ kind, label }, "ignored what this version does not know (logged once)");
  }
}
