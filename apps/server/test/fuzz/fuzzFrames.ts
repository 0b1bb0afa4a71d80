import { LIMITS, decodeClientMessage } from "@duplex/protocol";
import fc from "fast-check";

/** What the server must do with a frame: answer one `error`, or close with this code. */
export type Expectation = { kind: "error" } | { kind: "close"; code: number };

export interface FuzzFrame {
  /** Which generator made it (for the summary). */
  family: string;
  data: string | Uint8Array;
  binary: boolean;
  expect: Expectation;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * What RFC 6455 and the protocol require for a frame, worked out locally: binary → 1003; text that is
 * not UTF-8 → 1007; over `maxFrameBytes` → 1009; anything else that does not decode → one `error`.
 */
export function expectationFor(data: string | Uint8Array, binary: boolean): Expectation {
  if (binary) return { kind: "close", code: 1003 };
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
  if (bytes.length > LIMITS.maxFrameBytes) return { kind: "close", code: 1009 };
  try {
    utf8.decode(bytes);
  } catch {
    return { kind: "close", code: 1007 };
  }
  return { kind: "error" };
}

/** Whether a text frame is a valid client message (those are not "bad" and are filtered out). */
function decodes(data: string | Uint8Array): boolean {
  const text = typeof data === "string" ? data : Buffer.from(data).toString("utf8");
  return decodeClientMessage(text).ok;
}

const room = fc.constantFrom("fuzz", "general", "dm:u_AAAAAAAAAAAAAAAA:u_BBBBBBBBBBBBBBBB");

/** Valid messages of most client types: the base that one mutation turns invalid. */
const validMessage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    type: fc.constant("send"),
    room,
    cid: fc.string({ minLength: 1, maxLength: 20 }),
    text: fc.string({ minLength: 1, maxLength: 50 }).map((t) => `x${t}`),
  }),
  fc.record({ type: fc.constant("join"), room }),
  fc.record({ type: fc.constant("leave"), room }),
  fc.record({ type: fc.constant("typing"), room }),
  fc.record({ type: fc.constant("ping"), t: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
  fc.record({ type: fc.constant("history"), room, limit: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant("rooms") }),
  fc.record({ type: fc.constant("hello"), name: fc.constantFrom("Ann", "Bob") }),
  fc.record({ type: fc.constant("mark_read"), all: fc.constant(true) }),
  fc.record({ type: fc.constant("subscribe"), topic: fc.constantFrom("stats", "notifications") }),
);

const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.string({ minLength: 40, maxLength: 80 }), // too long for names, refs and cids
  fc.constant(""),
);

const POLLUTION_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];
const pollutionKey = fc.constantFrom(...POLLUTION_KEYS);
const pollutionValue = fc.constantFrom<unknown>(
  { polluted: true },
  { prototype: { polluted: true } },
  "polluted",
  null,
);

/** Builds an object with own keys exactly as given: `__proto__` stays a key, not a prototype. */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries) as Record<string, unknown>;
}

const nearValid = fc
  .tuple(validMessage, fc.nat(), fc.nat(2), wrongValue, pollutionKey, pollutionValue)
  .map(([message, pick, how, value, extraKey, extraValue]) => {
    const entries = Object.entries(message);
    const index = pick % entries.length;
    const key = entries[index]?.[0] ?? "type";
    if (how === 0) return ownObject(entries.map(([k, v]) => [k, k === key ? value : v]));
    if (how === 1) return ownObject(entries.filter(([k]) => k !== key || key === "type"));
    return ownObject([...entries, [extraKey, extraValue]]);
  })
  .map((m) => JSON.stringify(m));

/** A valid message with a prototype-pollution key at the top or one level down. */
const pollution = fc
  .tuple(validMessage, pollutionKey, pollutionValue, fc.boolean())
  .map(([message, key, value, nested]) => {
    const entries = Object.entries(message);
    if (!nested) return JSON.stringify(ownObject([...entries, [key, value]]));
    return JSON.stringify(ownObject([...entries, ["since", ownObject([[key, value]])]]));
  });

const hugeString = fc
  .tuple(fc.integer({ min: 4_001, max: LIMITS.maxFrameBytes + 4_000 }), fc.string({ maxLength: 3 }))
  .map(([length, tail]) =>
    JSON.stringify({ type: "send", room: "fuzz", cid: "huge", text: "h".repeat(length) + tail }),
  );

const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean(), fc.boolean())
  .map(([depth, arrays, balanced]) => {
    const open = arrays ? "[" : '{"a":';
    const close = arrays ? "]" : "}";
    return open.repeat(depth) + "1" + (balanced ? close.repeat(depth) : "");
  });

const randomJson = fc.json({ maxDepth: 4 });

const randomText = fc.string({ unit: "grapheme", maxLength: 200 });

const randomBytes = fc.uint8Array({ maxLength: 300 });

const textFrame = (family: string, arb: fc.Arbitrary<string>): fc.Arbitrary<FuzzFrame> =>
  arb
    .filter((data) => !decodes(data))
    .map((data) => ({ family, data, binary: false, expect: expectationFor(data, false) }));

/** One hostile frame, weighted toward the kinds that exercise the decoder rather than close. */
export const fuzzFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { weight: 6, arbitrary: textFrame("near-valid", nearValid) },
  { weight: 3, arbitrary: textFrame("random JSON", randomJson) },
  { weight: 3, arbitrary: textFrame("prototype keys", pollution) },
  { weight: 2, arbitrary: textFrame("random text", randomText) },
  { weight: 1, arbitrary: textFrame("deep nesting", deepNesting) },
  { weight: 1, arbitrary: textFrame("huge string", hugeString) },
  {
    weight: 1,
    arbitrary: randomBytes
      .filter((data) => !decodes(data))
      .map((data) => ({
        family: "random bytes as text",
        data,
        binary: false,
        expect: expectationFor(data, false),
      })),
  },
  {
    weight: 1,
    arbitrary: randomBytes.map((data) => ({
      family: "random bytes as binary",
      data,
      binary: true,
      expect: expectationFor(data, true),
    })),
  },
);
