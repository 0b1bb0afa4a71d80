import { FILE_URL_API_PATH, type FileUrlReply } from "@duplex/protocol";
import { fieldsOf } from "./environment.js";

/** `fetch` as the file URL lookup uses it (the global `fetch` fits). */
export type AuthorizedFetch = (
  url: string,
  init: { headers: Record<string, string> },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** Re-ask this long before a signed URL expires, so an `<img src>` never gets a stale one. */
const MARGIN_MS = 60_000;

/**
 * Short-lived signed URLs of files (`GET /api/files/<id>/url`), cached until shortly before they
 * expire: an `<img src>` cannot send the session token, so the app shows files by these.
 */
export class FileUrls {
  readonly #cache = new Map<string, { reply: FileUrlReply; at: number }>();
  readonly #pending = new Map<string, Promise<FileUrlReply>>();

  constructor(
    private readonly httpBase: string,
    private readonly fetch: AuthorizedFetch,
    private readonly token: () => string | undefined,
    private readonly now: () => number,
  ) {}

  async url(fileId: string, thumb: boolean): Promise<string> {
    const reply = await this.#reply(fileId);
    const path = thumb ? (reply.thumbUrl ?? reply.url) : reply.url;
    return new URL(path, this.httpBase).toString();
  }

  async #reply(fileId: string): Promise<FileUrlReply> {
    const cached = this.#cache.get(fileId);
    if (cached !== undefined && cached.reply.expiresAt - MARGIN_MS > this.now())
      return cached.reply;
    let pending = this.#pending.get(fileId);
    if (pending === undefined) {
      pending = this.#ask(fileId).finally(() => this.#pending.delete(fileId));
      this.#pending.set(fileId, pending);
    }
    return pending;
  }

  async #ask(fileId: string): Promise<FileUrlReply> {
    const token = this.token();
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const path = `${FILE_URL_API_PATH}/${encodeURIComponent(fileId)}/url`;
    const response = await this.fetch(new URL(path, this.httpBase).toString(), { headers });
    if (!response.ok) throw new Error(`file url: HTTP ${response.status}`);
    const reply = await response.json();
    if (!isFileUrlReply(reply)) throw new Error("file url: unexpected reply");
    this.#cache.set(fileId, { reply, at: this.now() });
    return reply;
  }
}

function isFileUrlReply(value: unknown): value is FileUrlReply {
  const v = fieldsOf(value, { url: "string", expiresAt: "number" });
  return v !== undefined && (v.thumbUrl === undefined || typeof v.thumbUrl === "string");
}
