import type { UploadHandle, UploadInput, UploadState } from "../files/uploadPort.js";
import { ScriptedClient } from "./scriptedClient.js";

type UploadEvent = "progress" | "done" | "failed";

/** An upload whose progress the test plays, recording `cancel` and `retry`. */
export class ScriptedUpload implements UploadHandle {
  state: UploadState = "queued";
  sent = 0;
  readonly total: number;
  readonly done: Promise<{ messageId: string; seq: number }>;
  readonly calls: string[] = [];
  readonly #handlers = new Map<UploadEvent, Array<(detail?: unknown) => void>>();
  #resolve!: (value: { messageId: string; seq: number }) => void;

  constructor(
    readonly id: string,
    readonly input: UploadInput,
  ) {
    this.total = input.data instanceof Uint8Array ? input.data.byteLength : input.data.size;
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  on(event: UploadEvent, handler: (detail?: unknown) => void): () => void {
    const list = this.#handlers.get(event) ?? [];
    list.push(handler);
    this.#handlers.set(event, list);
    return () => undefined;
  }

  cancel(): void {
    this.calls.push("cancel");
    this.state = "cancelled";
  }

  /** Like the client: only a failed upload retries. */
  retry(): void {
    this.calls.push("retry");
    if (this.state !== "failed") return;
    this.state = "queued";
    this.sent = 0;
  }

  /** The server stored `sent` bytes. */
  progress(sent: number): void {
    this.state = "sending";
    this.sent = sent;
    this.#emit("progress");
  }

  fail(detail: unknown): void {
    this.state = "failed";
    this.#emit("failed", detail);
  }

  finish(messageId = "m-file", seq = 1): void {
    this.state = "done";
    this.sent = this.total;
    this.#emit("done");
    this.#resolve({ messageId, seq });
  }

  #emit(event: UploadEvent, detail?: unknown): void {
    for (const handler of this.#handlers.get(event) ?? []) handler(detail);
  }
}

/** A scripted client that can upload: each `upload()` is recorded as a `ScriptedUpload`. */
export class UploadingClient extends ScriptedClient {
  readonly uploads: ScriptedUpload[] = [];

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
