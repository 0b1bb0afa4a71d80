import { createHash, type Hash } from "node:crypto";
import { open, rm, type FileHandle } from "node:fs/promises";
import type { Attachment } from "@duplex/protocol";

/** What a finished upload became, kept so a client that missed `upload_done` gets it again. */
export interface UploadOutcome {
  messageId: string;
  seq: number;
  attachment: Attachment;
}

/**
 * One upload under way: its bytes go to a temp file as they arrive (never held in memory), hashed
 * on the way, so `upload_finish` only compares digests.
 */
export class PartialUpload {
  offset = 0;
  /** End of the last chunk read for it (stored or still queued): the next one must start here. */
  received = 0;
  /** The socket sending it now; undefined between a disconnect and the resuming `upload_start`. */
  connId: string | undefined;
  outcome: UploadOutcome | undefined;
  finishing = false;
  expiresAt = 0;
  timer: NodeJS.Timeout | undefined;
  readonly #hash: Hash = createHash("sha256");
  #file: FileHandle | undefined;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly address: string,
    readonly cid: string,
    readonly room: string,
    readonly name: string,
    readonly size: number,
    readonly tempPath: string,
  ) {}

  write(offset: number, payload: Uint8Array): Promise<void> {
    const done = this.#write(offset, payload);
    this.#writing = done.catch(() => undefined);
    return done;
  }

  /** Resolves once no write is under way (a resume answers the offset after the last one). */
  settled(): Promise<unknown> {
    return this.#writing;
  }

  async #write(offset: number, payload: Uint8Array): Promise<void> {
    if (offset !== this.offset) throw new Error(`chunk at ${offset}, expected ${this.offset}`);
    if (offset + payload.byteLength > this.size) throw new Error("chunk beyond the declared size");
    this.#file ??= await open(this.tempPath, "a");
    await this.#file.write(payload, 0, payload.byteLength);
    this.#hash.update(payload);
    this.offset += payload.byteLength;
  }

  /** The SHA-256 of every byte written (call once, after the last chunk). */
  async digest(): Promise<string> {
    await this.#file?.close();
    this.#file = undefined;
    return this.#hash.digest("hex");
  }

  async discard(): Promise<void> {
    clearTimeout(this.timer);
    await this.#file?.close().catch(() => undefined);
    this.#file = undefined;
    await rm(this.tempPath, { force: true });
  }
}
