import type { IncomingMessage } from "node:http";
import { readBody } from "../http/jsonApi.js";

/** Reads a `text/plain` body, refusing (413) as soon as it grows past `maxBytes`. */
export async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readBody(req, "text/plain", maxBytes)).toString("utf8");
}
