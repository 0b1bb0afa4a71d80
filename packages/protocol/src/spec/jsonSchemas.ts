import { z } from "zod";
import { ClientMessage } from "../clientMessages.js";
import { ServerMessage } from "../serverMessages.js";
import { PushNotificationRequest, PushNotificationResponse } from "../pushApi.js";

/** A JSON Schema document (draft-07, the base of AsyncAPI's schema format). */
export type JsonSchema = Record<string, unknown>;

type Direction = "client" | "server";

/**
 * The published form of a schema is what a tolerant reader accepts ([C1], [C3]): objects admit
 * properties a newer peer adds, and an open enum is any string (the listed values are what writers
 * send; the README names each one's fallback).
 */
function asTolerantReader(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asTolerantReader);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue;
    out[key] = asTolerantReader(value);
  }
  const open = out["x-open-enum"] as { fallback?: unknown } | undefined;
  if (open !== undefined) {
    const known = out.enum;
    delete out.enum;
    delete out.default;
    out.type = "string";
    out.examples = known;
    out.description = `Open enum: writers send one of the listed values; a reader reads any other value as "${String(open.fallback)}".`;
  }
  return out;
}

/** `strict`: the exact shape as checked (`additionalProperties: false`, closed enums). */
function toDraft7(schema: z.ZodType, io: "input" | "output", strict = false): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-7", io });
  return strict ? rest : (asTolerantReader(rest) as JsonSchema);
}

/**
 * One JSON Schema per message, generated from the zod schemas the server and clients run.
 * Client messages are described as the server accepts them (`io: "input"`), server messages as sent.
 */
export function messageSchemas(direction: Direction): Record<string, JsonSchema> {
  const union = direction === "client" ? ClientMessage : ServerMessage;
  const io = direction === "client" ? "input" : "output";
  const out: Record<string, JsonSchema> = {};
  for (const option of union.options) {
    out[option.shape.type.value] = toDraft7(option, io);
  }
  return out;
}

/** The whole union of one direction as a single schema (what a frame must match). */
export function unionSchema(direction: Direction): JsonSchema {
  return direction === "client"
    ? toDraft7(ClientMessage, "input")
    : toDraft7(ServerMessage, "output");
}

/** Schemas of the HTTP push API's request and response bodies. */
export function pushApiSchemas(): { request: JsonSchema; response: JsonSchema } {
  return {
    // The HTTP API rejects unknown fields (400 naming them): published as it is checked.
    request: toDraft7(PushNotificationRequest, "input", true),
    response: toDraft7(PushNotificationResponse, "output"),
  };
}
