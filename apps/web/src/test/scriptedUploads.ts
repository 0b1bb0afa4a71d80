import type { Upload, UploadEvents, UploadInput, UploadResult, UploadState } from "@duplex/client";
import { Capability } from "@duplex/protocol";
import type { UploadHandle } from "../files/uploadPort.js";
import { ScriptedClient } from "./scriptedClient.js";

type Handlers = { [K in keyof UploadEvents]: Array<UploadEvents[K]> };

/** An upload whose progress the test plays, recording `cancel` and `retry`. */
export class ScriptedUpload implements UploadHandle {
  state: UploadState = "queued";
  sent = 0;
  readonly total: number;
  done: Promise<UploadResult>;
  readonly calls: string[] = [];
  readonly #handlers: Handlers = { progress: [], done: [], failed: [] };
  #settle!: { resolve: (r: UploadResult) => void; reject: (e: unknown) => void };

  constructor(
    readonly id: string,
    readonly input: UploadInput,
  ) {
    this.total = input.data instanceof Uint8Array ? input.data.byteLength : input.data.size;
    this.done = this.#newDone();
  }

  on<K extends keyof UploadEvents>(event: K, handler: UploadEvents[K]): () => void {
    this.#handlers[event].push(handler);
    return () => undefined;
  }

  cancel(): void {
    this.calls.push("cancel");
    this.state = "cancelled";
    this.#settle.reject({ code: "cancelled", message: "cancelled" });
  }

  /** Like the client: only a failed upload retries, with a new `done`. */
  retry(): void {
    this.calls.push("retry");
    if (this.state !== "failed") return;
    this.state = "queued";
    this.sent = 0;
    this.done = this.#newDone();
  }

  /** The server stored `sent` bytes. */
  progress(sent: number): void {
    this.state = "sending";
    this.sent = sent;
    for (const handler of this.#handlers.progress) handler(this as unknown as Upload);
  }

  fail(error: { code: string; message?: string }): void {
    this.state = "failed";
    const detail = { message: error.code, ...error };
    for (const handler of this.#handlers.failed) handler(detail);
    this.#settle.reject(detail);
  }

  finish(messageId = "m-file", seq = 1): void {
    this.state = "done";
    this.sent = this.total;
    const result: UploadResult = {
      messageId,
      seq,
      attachment: {
        id: `f_${this.id}`,
        name: this.input.name,
        size: this.total,
        mime: "image/png",
        thumb: false,
      },
    };
    for (const handler of this.#handlers.done) handler(result);
    this.#settle.resolve(result);
  }

  #newDone(): Promise<UploadResult> {
    return new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
  }
}

/** A scripted client that can upload (its node grants `files`): each `upload()` is recorded. */
export class UploadingClient extends ScriptedClient {
  readonly uploads: ScriptedUpload[] = [];
  caps: ReadonlySet<string> = new Set([Capability.Files]);

  upload(input: UploadInput): ScriptedUpload {
    this.calls.push(`upload ${input.room} ${input.name}`);
    const upload = new ScriptedUpload(`up${this.uploads.length + 1}`, input);
    this.uploads.push(upload);
    return upload;
  }

  forgetUpload(id: string): void {
    this.calls.push(`forget upload ${id}`);
  }

  fileUrl(id: string, options: { thumb?: boolean } = {}): Promise<string> {
    return Promise.resolve(`/files/${id}${options.thumb === true ? "/thumb" : ""}?sig=test`);
  }
}
