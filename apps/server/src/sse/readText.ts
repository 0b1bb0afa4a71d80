import type { IncomingMessage } from "node:http";
import { HttpError } from "../http/jsonApi.js";

/** Reads a body of content type `type`, refusing (413) as soon as it grows past `maxBytes`. */
export async function readBody(
  req: IncomingMessage,
  type: string,
  maxBytes: number,
): Promise<Buffer> {
  const given = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (given !== type) throw new HttpError(415, `content-type must be ${type}`);
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) {
    throw new HttpError(413, `body over ${maxBytes} bytes`);
  }
  return new Promise<Buffer>((resolve, reject) => {
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
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Reads a `text/plain` body, refusing (413) as soon as it grows past `maxBytes`. */
export async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readBody(req, "text/plain", maxBytes)).toString("utf8");
}
