import type { ChatMessage } from "@duplex/protocol";

// The client library's upload API as the web app uses it. Declared here, in one place, so the UI
// depends on this small shape rather than on the client class; the app passes the real client.

export type UploadState = "queued" | "sending" | "done" | "failed" | "cancelled";

/** What `upload()` takes: the bytes, the file's name, and the type the browser guessed. */
export interface UploadInput {
  room: string;
  data: Blob | Uint8Array;
  name: string;
  mime?: string;
}

/** One upload, owned by the client: the app reads its state and calls `cancel`/`retry`. */
export interface UploadHandle {
  readonly id: string;
  readonly state: UploadState;
  readonly sent: number;
  readonly total: number;
  on(event: "progress" | "done" | "failed", handler: (detail?: unknown) => void): unknown;
  cancel(): void;
  retry(): void;
  readonly done: Promise<{ messageId: string; seq: number }>;
}

/** A stored message's file: images carry their dimensions and (usually) a thumbnail. */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  width?: number;
  height?: number;
  thumb: boolean;
}

/** The client's part for files: start uploads, and the URLs a member may fetch them from. */
export interface UploadPort {
  upload(input: UploadInput): UploadHandle;
  /** Lets the client drop a finished, failed or cancelled upload (cancels a running one). */
  forgetUpload(id: string): void;
  /**
   * Where `<img>` and links fetch the file (or its thumbnail) from: a short-lived signed URL, since
   * an `<img src>` cannot carry the session token.
   */
  fileUrl(id: string, variant: "file" | "thumb"): Promise<string>;
}

/** The client library's own method shapes, as `DuplexClient` has them. */
interface ClientFileMethods {
  upload(input: UploadInput): UploadHandle;
  forgetUpload?(id: string): void;
  fileUrl?(id: string, options?: { thumb?: boolean }): Promise<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The upload part of a client, or undefined for one that cannot upload (an older client build). */
export function uploadPortOf(client: object): UploadPort | undefined {
  const methods = client as Partial<ClientFileMethods>;
  if (typeof methods.upload !== "function") return undefined;
  const c = client as ClientFileMethods;
  return {
    upload: (input) => c.upload(input),
    forgetUpload: (id) => c.forgetUpload?.(id),
    fileUrl: (id, variant) =>
      c.fileUrl === undefined
        ? Promise.resolve(defaultFileUrl(id, variant))
        : c.fileUrl(id, { thumb: variant === "thumb" }),
  };
}

/** The download routes for room members: `/files/<id>` and `/files/<id>/thumb`. */
export function defaultFileUrl(id: string, variant: "file" | "thumb"): string {
  const base = `/files/${encodeURIComponent(id)}`;
  return variant === "thumb" ? `${base}/thumb` : base;
}

/** A chat message's attachment, read tolerantly: anything malformed reads as no attachment. */
export function attachmentOf(message: ChatMessage): Attachment | undefined {
  const value: unknown = (message as { attachment?: unknown }).attachment;
  if (!isRecord(value)) return undefined;
  const { id, name, size, mime, width, height, thumb } = value;
  if (typeof id !== "string" || typeof name !== "string" || typeof size !== "number") {
    return undefined;
  }
  return {
    id,
    name,
    size,
    mime: typeof mime === "string" ? mime : "application/octet-stream",
    ...(typeof width === "number" && { width }),
    ...(typeof height === "number" && { height }),
    thumb: thumb === true,
  };
}
