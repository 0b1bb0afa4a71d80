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
  /** Where `<img>` and links fetch the file (or its thumbnail) from. */
  fileUrl(id: string, variant: "file" | "thumb"): string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The upload part of a client, or undefined for one that cannot upload (an older client build). */
export function uploadPortOf(client: object): UploadPort | undefined {
  const candidate = client as Partial<UploadPort> & { fileUrl?: unknown };
  if (typeof candidate.upload !== "function") return undefined;
  const upload = candidate.upload.bind(client);
  const fileUrl =
    typeof candidate.fileUrl === "function"
      ? (candidate.fileUrl as UploadPort["fileUrl"]).bind(client)
      : defaultFileUrl;
  return { upload, fileUrl };
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
