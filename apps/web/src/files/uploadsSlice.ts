import type { UploadProblem } from "./uploadProblem.js";
import type { UploadState } from "./uploadPort.js";

/** One upload as the list shows it: a copy of the client's upload, never the upload itself. */
export interface UploadView {
  /** Stable for the row's life (the client's upload id). */
  key: string;
  room: string;
  name: string;
  state: UploadState;
  sent: number;
  total: number;
  problem?: UploadProblem;
}

export interface FilesSlice {
  /** The client can upload (false for a client build without the upload API). */
  available: boolean;
  /** Uploads in progress, failed or cancelled, oldest first; a finished one leaves (it is a message). */
  uploads: readonly UploadView[];
}

export const initialFiles: FilesSlice = { available: false, uploads: [] };

export interface FileActions {
  /** Uploads each file to the current room; false if there is no room or the client cannot upload. */
  sendFiles(files: readonly File[]): boolean;
  cancelUpload(key: string): void;
  /** Starts a failed or cancelled upload again. */
  retryUpload(key: string): void;
  /** Removes a failed or cancelled upload from the list. */
  dismissUpload(key: string): void;
  /** The URL a member fetches an attachment (or its thumbnail) from. */
  fileUrl(id: string, variant: "file" | "thumb"): Promise<string>;
}

/** Replaces the upload with this key (or appends it), keeping the list's order. */
export function putUpload(slice: FilesSlice, view: UploadView): FilesSlice {
  const at = slice.uploads.findIndex((u) => u.key === view.key);
  if (at < 0) return { ...slice, uploads: [...slice.uploads, view] };
  const uploads = [...slice.uploads];
  uploads[at] = view;
  return { ...slice, uploads };
}

export function dropUpload(slice: FilesSlice, key: string): FilesSlice {
  return { ...slice, uploads: slice.uploads.filter((u) => u.key !== key) };
}

/** Whole percent sent, 0 for an empty file not started. */
export function percentSent(view: Pick<UploadView, "sent" | "total">): number {
  if (view.total <= 0) return 0;
  return Math.min(100, Math.floor((view.sent / view.total) * 100));
}
