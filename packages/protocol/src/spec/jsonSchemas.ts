import { z } from "zod";
import { ClientMessage } from "../clientMessages.js";
import { ServerMessage } from "../serverMessages.js";
import { PushNotificationRequest, PushNotificationResponse } from "../pushApi.js";

/** A JSON Schema document (draft-07, the base of AsyncAPI's schema format). */
export type JsonSchema = Record<string, unknown>;

type Direction = "client" | "server";

function toDraft7(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-7", io });
  return rest;
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
    request: toDraft7(PushNotificationRequest, "input"),
    response: toDraft7(PushNotificationResponse, "output"),
  };
}
