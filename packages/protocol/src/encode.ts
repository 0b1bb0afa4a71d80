import type { ClientMessage } from "./clientMessages.js";
import type { ServerMessage } from "./serverMessages.js";

// Apart from codec.ts so a sender can encode without loading the zod decoders.

/** Encodes a message as a text frame. Callers encode once per broadcast, not once per recipient. */
export function encode(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
