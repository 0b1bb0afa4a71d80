import type { z } from "zod";
import { collectDegraded } from "./openEnum.js";
import { ErrorCode } from "./codes.js";
import { Ref } from "./fields.js";
import { CLIENT_MESSAGE_TYPES, ClientMessage } from "./clientMessages.js";
import { SERVER_MESSAGE_TYPES, ServerMessage } from "./serverMessages.js";

/** Why a frame could not be decoded: a protocol error code, a readable message, and the request's `ref`. */
export interface DecodeError {
  code: ErrorCode;
  message: string;
  /** The `ref` of the bad request, when one could be read, so the error can answer it. */
  ref?: string;
}

/**
 * A decoded frame. `ignored` lists what a tolerant read set aside ([C1], [C3]): unknown fields as their
 * path (`messages.*.from.guest`) and open enums that fell back as `name=value`; absent when nothing was.
 */
export type DecodeResult<T> =
  { ok: true; value: T; ignored?: readonly string[] } | { ok: false; error: DecodeError };

type Envelope = { type?: unknown; ref?: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "message";
  return `${path}: ${issue.message}`;
}

function isTooLarge(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.some((i) => i.code === "too_big" && i.path[0] === "text");
}

// Deeper than any message nests: each pass removes the unknown keys zod reported at every depth.
const MAX_TOLERANCE_PASSES = 8;

function pathLabel(path: readonly PropertyKey[], key: string): string {
  return [...path.map((p) => (typeof p === "number" ? "*" : String(p))), key].join(".");
}

function childAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const step of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}

/**
 * Deletes the keys of every `unrecognized_keys` issue from `value` (a freshly parsed frame we own) and
 * returns their labels; returns nothing when some issue is not about unknown keys.
 */
function dropUnknownKeys(
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
): string[] | undefined {
  if (!issues.every((i) => i.code === "unrecognized_keys")) return undefined;
  const dropped: string[] = [];
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const target = childAt(value, issue.path);
    if (!isPlainObject(target)) return undefined;
    for (const key of issue.keys) {
      delete target[key];
      dropped.push(pathLabel(issue.path, key));
    }
  }
  return dropped;
}

/**
 * Parses strictly, and where the only complaints are fields this version does not know, drops them and
 * parses again: a reader is tolerant of additions at every depth ([C1]) while the schemas stay the
 * writers' exact contract. The common frame (nothing unknown) costs one parse, as before.
 */
function tolerantParse<T>(
  schema: z.ZodType<T>,
  parsed: unknown,
): { result: z.ZodSafeParseResult<T>; ignored: string[] } {
  const ignored: string[] = [];
  const { result, degraded } = collectDegraded(() => {
    let attempt = schema.safeParse(parsed);
    for (let pass = 0; !attempt.success && pass < MAX_TOLERANCE_PASSES; pass++) {
      const dropped = dropUnknownKeys(parsed, attempt.error.issues);
      if (dropped === undefined || dropped.length === 0) break;
      ignored.push(...dropped);
      attempt = schema.safeParse(parsed);
    }
    return attempt;
  });
  // A fallback fires again on every pass: each one is reported once.
  ignored.push(...new Set(degraded));
  return { result, ignored };
}

function makeDecoder<T>(schema: z.ZodType<T>, knownTypes: readonly string[]) {
  const known = new Set(knownTypes);
  return (text: string): DecodeResult<T> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, error: { code: ErrorCode.BadJson, message: "frame is not valid JSON" } };
    }
    if (!isPlainObject(parsed)) {
      return {
        ok: false,
        error: { code: ErrorCode.InvalidMessage, message: "a message must be a JSON object" },
      };
    }
    const envelope: Envelope = parsed;
    const ref =
      // Echo only a ref the Ref schema accepts, so every error we send is itself a valid message.
      typeof envelope.ref === "string" && Ref.safeParse(envelope.ref).success
        ? envelope.ref
        : undefined;
    const withRef = (error: DecodeError): DecodeResult<T> => ({
      ok: false,
      error: ref === undefined ? error : { ...error, ref },
    });
    if (typeof envelope.type !== "string") {
      return withRef({ code: ErrorCode.InvalidMessage, message: "type: must be a string" });
    }
    if (!known.has(envelope.type)) {
      return withRef({
        code: ErrorCode.UnknownType,
        message: `unknown message type "${envelope.type.slice(0, 32)}"`,
      });
    }
    const { result, ignored } = tolerantParse(schema, parsed);
    if (result.success) {
      return ignored.length === 0
        ? { ok: true, value: result.data }
        : { ok: true, value: result.data, ignored };
    }
    const issues = result.error.issues;
    const first = issues[0];
    return withRef({
      code: isTooLarge(issues) ? ErrorCode.TooLarge : ErrorCode.InvalidMessage,
      message: `${envelope.type}: ${first ? describeIssue(first) : "invalid"}`,
    });
  };
}

/** Decodes one text frame from a client. Never throws: bad input is a typed error. */
export const decodeClientMessage: (text: string) => DecodeResult<ClientMessage> = makeDecoder(
  ClientMessage,
  CLIENT_MESSAGE_TYPES,
);

/** Decodes one text frame from the server. Never throws: bad input is a typed error. */
export const decodeServerMessage: (text: string) => DecodeResult<ServerMessage> = makeDecoder(
  ServerMessage,
  SERVER_MESSAGE_TYPES,
);

export { encode } from "./encode.js";
