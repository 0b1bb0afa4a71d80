import { encodeChunk } from "@duplex/protocol";
import type { Attachment, ClientMessage, ServerMessageOf } from "@duplex/protocol";
import { Emitter } from "./emitter.js";

/** Lifecycle of an upload: queued → sending → done | failed | cancelled (failed → queued on `retry`). */
export type UploadState = "queued" | "sending" | "done" | "failed" | "cancelled";

/** What `client.upload()` takes. */
export interface UploadInput {
  room: string;
  data: Blob | Uint8Array;
  name: string;
  /** A hint only: the server sniffs the type from the bytes. @default the Blob's `type`, if any */
  mime?: string;
}

/** The message an upload became. */
export interface UploadResult {
  messageId: string;
  seq: number;
  attachment: Attachment;
}

/** Why an upload failed: a protocol `ErrorCode` (from `error` or `upload_cancel`) or a local one. */
export interface UploadError {
  code: string;
  message: string;
}

export interface UploadEvents {
  /** `sent` changed (bytes the server acknowledged) or the state changed. */
  progress: (upload: Upload) => void;
  done: (result: UploadResult) => void;
  failed: (error: UploadError) => void;
}

/** What an upload needs of its client: a link to write to, and whether it may send now. */
export interface UploadLink {
  write(message: ClientMessage): void;
  writeBinary(frame: Uint8Array): void;
  /** Whether the socket is open, the node granted `files`, and `room` is joined. */
  ready(room: string): boolean;
  /** Why uploads cannot work on this connection at all (no `files`, SSE link), if so. */
  unsupported(): string | undefined;
  sha256(bytes: Uint8Array): Promise<string>;
  nextRef(): string;
}

/**
 * One file on its way into a room. The client drives it: `start` sends `upload_start` (resuming at the
 * server's offset when the upload already has an id), chunks go out while fewer than `window` bytes
 * are unacknowledged, and `upload_finish` follows the last acknowledgement.
 */
export class Upload {
  readonly #events = new Emitter<UploadEvents>();
  #state: UploadState = "queued";
  #sent = 0;
  #next = 0;
  #chunkSize = 0;
  #window = 0;
  #uploadId: string | undefined;
  #bytes: Uint8Array | undefined;
  #sha256: string | undefined;
  #ref: string | undefined;
  #error: UploadError | undefined;
  #result: UploadResult | undefined;
  #settle!: { resolve: (r: UploadResult) => void; reject: (e: UploadError) => void };
  #done!: Promise<UploadResult>;

  constructor(
    /** Local id; also the `cid` of `upload_start`, so a resumed start names the same upload. */
    readonly id: string,
    readonly input: UploadInput,
    private readonly link: UploadLink,
  ) {
    this.#newDone();
  }

  get state(): UploadState {
    return this.#state;
  }
  get room(): string {
    return this.input.room;
  }
  get name(): string {
    return this.input.name;
  }
  /** Bytes the server has stored (acknowledged). */
  get sent(): number {
    return this.#sent;
  }
  get total(): number {
    return this.input.data instanceof Uint8Array
      ? this.input.data.byteLength
      : this.input.data.size;
  }
  /** The server's id for this upload, once `upload_ready` named it. */
  get uploadId(): string | undefined {
    return this.#uploadId;
  }
  get error(): UploadError | undefined {
    return this.#error;
  }
  get result(): UploadResult | undefined {
    return this.#result;
  }
  /** Resolves when the message is stored; rejects on failure or cancel (`retry` makes a new one). */
  get done(): Promise<UploadResult> {
    return this.#done;
  }

  on<K extends keyof UploadEvents>(event: K, handler: UploadEvents[K]): () => void {
    return this.#events.on(event, handler);
  }

  /** Stops the upload; the server drops its bytes. */
  cancel(): void {
    if (this.#state === "done" || this.#state === "cancelled") return;
    if (this.#uploadId !== undefined && this.#state === "sending") {
      this.link.write({ type: "upload_cancel", uploadId: this.#uploadId });
    }
    this.#fail("cancelled", { code: "cancelled", message: "cancelled" });
  }

  /** Starts a failed upload again from the beginning (the server gave its bytes up). */
  retry(): void {
    if (this.#state !== "failed") return;
    this.#uploadId = undefined;
    this.#sent = 0;
    this.#error = undefined;
    this.#newDone();
    this.#setState("queued");
    this.pump();
  }

  /** Sends `upload_start` if the upload waits and its room is live. Called on every chance. */
  pump(): void {
    if (this.#state !== "queued") return;
    const unsupported = this.link.unsupported();
    if (unsupported !== undefined) {
      this.#fail("failed", { code: "unsupported_data", message: unsupported });
      return;
    }
    if (!this.link.ready(this.input.room)) return;
    this.#setState("sending");
    void this.#start();
  }

  /** The socket is gone: wait for the next one, then resume at the server's offset. */
  onDisconnect(): void {
    if (this.#state !== "sending") return;
    this.#ref = undefined;
    this.#setState("queued");
  }

  /** Whether `ref` is this upload's pending `upload_start` / `upload_finish`. */
  ownsRef(ref: string | undefined): boolean {
    return ref !== undefined && ref === this.#ref;
  }

  onReady(m: ServerMessageOf<"upload_ready">): void {
    if (this.#state !== "sending") return;
    this.#uploadId = m.uploadId;
    this.#chunkSize = m.chunkSize;
    this.#window = m.window;
    this.#sent = m.offset;
    this.#next = m.offset;
    this.#emitProgress();
    this.#sendWindow();
  }

  onProgress(m: ServerMessageOf<"upload_progress">): void {
    if (this.#state !== "sending" || m.offset < this.#sent) return;
    this.#sent = m.offset;
    this.#emitProgress();
    this.#sendWindow();
  }

  onDone(m: ServerMessageOf<"upload_done">): void {
    if (this.#state !== "sending") return;
    this.#sent = this.total;
    this.#result = { messageId: m.messageId, seq: m.seq, attachment: m.attachment };
    this.#setState("done");
    this.#settle.resolve(this.#result);
    this.#events.emit("done", this.#result);
  }

  /** The server refused or gave up (`error` to our ref, or `upload_cancel`). */
  onRefused(error: UploadError): void {
    if (this.#state !== "sending" && this.#state !== "queued") return;
    this.#uploadId = undefined;
    this.#fail("failed", error);
  }

  async #start(): Promise<void> {
    try {
      this.#bytes ??= await readBytes(this.input.data);
      this.#sha256 ??= await this.link.sha256(this.#bytes);
    } catch (error) {
      this.#fail("failed", { code: "internal", message: String(error) });
      return;
    }
    if (this.#state !== "sending") return;
    if (!this.link.ready(this.input.room)) {
      this.#setState("queued"); // the link dropped while hashing; the next welcome pumps again
      return;
    }
    this.#ref = this.link.nextRef();
    const start: ClientMessage = {
      type: "upload_start",
      ref: this.#ref,
      cid: this.id,
      room: this.input.room,
      name: this.input.name,
      size: this.total,
    };
    const mime =
      this.input.mime ?? (this.input.data instanceof Uint8Array ? "" : this.input.data.type);
    if (mime !== "") start.mime = mime;
    if (this.#uploadId !== undefined) start.resume = this.#uploadId;
    this.link.write(start);
  }

  #sendWindow(): void {
    const bytes = this.#bytes;
    const uploadId = this.#uploadId;
    if (bytes === undefined || uploadId === undefined) return;
    while (this.#next < bytes.byteLength && this.#next - this.#sent < this.#window) {
      const end = Math.min(bytes.byteLength, this.#next + this.#chunkSize);
      this.link.writeBinary(encodeChunk(uploadId, this.#next, bytes.subarray(this.#next, end)));
      this.#next = end;
    }
    if (this.#sent === bytes.byteLength && this.#sha256 !== undefined && this.#ref !== undefined) {
      this.#ref = this.link.nextRef();
      this.link.write({ type: "upload_finish", ref: this.#ref, uploadId, sha256: this.#sha256 });
      this.#next = Number.POSITIVE_INFINITY; // finish once: later progress acks send nothing
    }
  }

  #fail(state: "failed" | "cancelled", error: UploadError): void {
    this.#error = error;
    this.#ref = undefined;
    this.#setState(state);
    this.#settle.reject(error);
    if (state === "failed") this.#events.emit("failed", error);
  }

  #setState(state: UploadState): void {
    this.#state = state;
    this.#emitProgress();
  }

  #emitProgress(): void {
    this.#events.emit("progress", this);
  }

  #newDone(): void {
    this.#done = new Promise<UploadResult>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#done.catch(() => undefined); // a caller that never awaits is not an unhandled rejection
  }
}

async function readBytes(data: Blob | Uint8Array): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  return new Uint8Array(await data.arrayBuffer());
}

/** SHA-256 of `bytes` as lowercase hex, with WebCrypto (browsers, Node ≥ 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
