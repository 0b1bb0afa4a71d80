import type { IncomingMessage } from "node:http";
import { HttpError } from "../http/jsonApi.js";

/** Reads a `text/plain` body, refusing (413) as soon as it grows past `maxBytes`. */
export async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "text/plain") throw new HttpError(415, "content-type must be text/plain");
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) {
    throw new HttpError(413, `body over ${maxBytes} bytes`);
  }
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners("data");
        reject(new HttpError(413, `body over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
