import type { z } from "zod";
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

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

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
    const result = schema.safeParse(parsed);
    if (result.success) return { ok: true, value: result.data };
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
