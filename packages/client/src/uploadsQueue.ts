import type { ServerMessage } from "@duplex/protocol";
import { Upload, type UploadInput, type UploadLink } from "./uploads.js";

/**
 * The client's uploads by local id, and the routing of upload frames to them: `upload_ready` by
 * `cid`, `upload_progress` / `upload_done` / `upload_cancel` by `uploadId`, `error` by `ref`. Finished,
 * failed and cancelled uploads stay listed until the app drops them (`forget`).
 */
export class UploadQueue {
  readonly #uploads = new Map<string, Upload>();

  constructor(private readonly link: UploadLink) {}

  add(id: string, input: UploadInput): Upload {
    const upload = new Upload(id, input, this.link);
    this.#uploads.set(id, upload);
    upload.pump();
    return upload;
  }

  get(id: string): Upload | undefined {
    return this.#uploads.get(id);
  }

  list(): readonly Upload[] {
    return [...this.#uploads.values()];
  }

  forget(id: string): void {
    const upload = this.#uploads.get(id);
    if (upload === undefined) return;
    if (upload.state === "queued" || upload.state === "sending") upload.cancel();
    this.#uploads.delete(id);
  }

  /** A room became live or the socket opened: waiting uploads start (or resume). */
  pump(): void {
    for (const upload of this.#uploads.values()) upload.pump();
  }

  onDisconnect(): void {
    for (const upload of this.#uploads.values()) upload.onDisconnect();
  }

  /** Routes one server frame; returns whether it belonged to an upload. */
  handle(message: ServerMessage): boolean {
    switch (message.type) {
      case "upload_ready":
        this.#uploads.get(message.cid)?.onReady(message);
        return true;
      case "upload_progress":
        this.#byUploadId(message.uploadId)?.onProgress(message);
        return true;
      case "upload_done":
        (this.#uploads.get(message.cid) ?? this.#byUploadId(message.uploadId))?.onDone(message);
        return true;
      case "upload_cancel":
        this.#byUploadId(message.uploadId)?.onRefused({
          code: message.code,
          message: message.message,
        });
        return true;
      case "error": {
        const upload = this.#byRef(message.ref);
        upload?.onRefused({ code: message.code, message: message.message });
        return upload !== undefined;
      }
      default:
        return false;
    }
  }

  #byUploadId(uploadId: string): Upload | undefined {
    for (const upload of this.#uploads.values()) if (upload.uploadId === uploadId) return upload;
    return undefined;
  }

  #byRef(ref: string | undefined): Upload | undefined {
    for (const upload of this.#uploads.values()) if (upload.ownsRef(ref)) return upload;
    return undefined;
  }
}
