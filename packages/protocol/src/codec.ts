import type { z } from "zod";
import { collectDegraded } from "./openEnum.js";
import { ErrorCode } from "./codes.js";
import { Ref } from "./fields.js";
import { ClientMessage } from "./clientMessages.js";
import { ServerMessage } from "./serverMessages.js";

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

// The unknown keys the current parse dropped; a list only once there is one.
let ignoredNow: string[] | undefined;

/** The strict parse, then a parse per pass that dropped unknown keys; `ignoredNow` collects them. */
function parseDroppingUnknown<T>(schema: z.ZodType<T>, parsed: unknown): z.ZodSafeParseResult<T> {
  let attempt = schema.safeParse(parsed);
  for (let pass = 0; !attempt.success && pass < MAX_TOLERANCE_PASSES; pass++) {
    const dropped = dropUnknownKeys(parsed, attempt.error.issues);
    if (dropped === undefined || dropped.length === 0) break;
    (ignoredNow ??= []).push(...dropped);
    attempt = schema.safeParse(parsed);
  }
  return attempt;
}

/**
 * Parses strictly, and where the only complaints are fields this version does not know, drops them and
 * parses again: a reader is tolerant of additions at every depth ([C1]) while the schemas stay the
 * writers' exact contract. The common frame (nothing unknown) costs one parse, as before, and no
 * closure or list of its own.
 */
function tolerantParse<T>(
  schema: z.ZodType<T>,
  parsed: unknown,
): { result: z.ZodSafeParseResult<T>; ignored: readonly string[] } {
  const outer = ignoredNow;
  ignoredNow = undefined;
  try {
    const { result, degraded } = collectDegraded(parseDroppingUnknown, schema, parsed);
    if (ignoredNow === undefined && degraded.length === 0) return { result, ignored: NONE };
    // A fallback fires again on every pass: each one is reported once.
    return { result, ignored: [...(ignoredNow ?? []), ...new Set(degraded)] };
  } finally {
    ignoredNow = outer;
  }
}

const NONE: readonly string[] = [];

function failure<T>(error: DecodeError, ref: string | undefined): DecodeResult<T> {
  return { ok: false, error: ref === undefined ? error : { ...error, ref } };
}

/**
 * A decoder for one direction's union: the frame's `type` picks its member's schema, as the
 * discriminated union itself would (same result, without the union's pass per frame).
 */
function makeDecoder<T>(
  options: ReadonlyArray<z.ZodType & { shape: { type: { value: string } } }>,
) {
  // Each member's output is one of the union's: T.
  const byType = new Map(options.map((o) => [o.shape.type.value, o as z.ZodType<T>]));
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
    if (typeof envelope.type !== "string") {
      return failure({ code: ErrorCode.InvalidMessage, message: "type: must be a string" }, ref);
    }
    const schema = byType.get(envelope.type);
    if (schema === undefined) {
      return failure(
        {
          code: ErrorCode.UnknownType,
          message: `unknown message type "${envelope.type.slice(0, 32)}"`,
        },
        ref,
      );
    }
    const { result, ignored } = tolerantParse(schema, parsed);
    if (result.success) {
      return ignored.length === 0
        ? { ok: true, value: result.data }
        : { ok: true, value: result.data, ignored };
    }
    const issues = result.error.issues;
    const first = issues[0];
    return failure(
      {
        code: isTooLarge(issues) ? ErrorCode.TooLarge : ErrorCode.InvalidMessage,
        message: `${envelope.type}: ${first ? describeIssue(first) : "invalid"}`,
      },
      ref,
    );
  };
}

/** Decodes one text frame from a client. Never throws: bad input is a typed error. */
export const decodeClientMessage: (text: string) => DecodeResult<ClientMessage> =
  makeDecoder<ClientMessage>(ClientMessage.options);

/** Decodes one text frame from the server. Never throws: bad input is a typed error. */
export const decodeServerMessage: (text: string) => DecodeResult<ServerMessage> =
  makeDecoder<ServerMessage>(ServerMessage.options);

export { encode } from "./encode.js";
