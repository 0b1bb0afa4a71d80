import type { DuplexClient, Upload, UploadInput } from "@duplex/client";
import { Capability, type Attachment, type ChatMessage } from "@duplex/protocol";

// The client library's upload API, as the web app uses it: the few members of `DuplexClient` and
// `Upload` it needs, in one place, so the store depends on this small shape (a scripted client in
// component tests fills it) rather than on the classes.

export type { Attachment } from "@duplex/protocol";
export type { UploadInput, UploadState } from "@duplex/client";

/** One upload, owned by the client: the app reads its state and calls `cancel`/`retry`. */
export type UploadHandle = Pick<
  Upload,
  "id" | "state" | "sent" | "total" | "on" | "cancel" | "retry" | "done"
>;

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
  /** Whether this connection's node granted the `files` capability (known after `welcome`). */
  granted(): boolean;
}

/** The members of `DuplexClient` behind the port. */
type ClientFileMethods = Pick<DuplexClient, "forgetUpload" | "fileUrl" | "caps"> & {
  upload(input: UploadInput): UploadHandle;
};

/** The upload part of a client, or undefined for one without the upload API. */
export function uploadPortOf(client: object): UploadPort | undefined {
  if (!("upload" in client) || typeof client.upload !== "function") return undefined;
  const c = client as ClientFileMethods;
  return {
    upload: (input) => c.upload(input),
    forgetUpload: (id) => c.forgetUpload(id),
    fileUrl: (id, variant) => c.fileUrl(id, { thumb: variant === "thumb" }),
    granted: () => c.caps.has(Capability.Files),
  };
}

/** The download routes for room members: `/files/<id>` and `/files/<id>/thumb`. */
export function defaultFileUrl(id: string, variant: "file" | "thumb"): string {
  const base = `/files/${encodeURIComponent(id)}`;
  return variant === "thumb" ? `${base}/thumb` : base;
}

/** A chat message's attachment (the protocol's reader already checked its shape). */
export function attachmentOf(message: ChatMessage): Attachment | undefined {
  return message.attachment;
}
