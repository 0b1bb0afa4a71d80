import type { StoreApi } from "zustand/vanilla";
import { uploadProblem, type UploadProblem } from "./uploadProblem.js";
import {
  defaultFileUrl,
  type UploadHandle,
  type UploadInput,
  type UploadPort,
} from "./uploadPort.js";
import {
  dropUpload,
  putUpload,
  type FileActions,
  type FilesSlice,
  type UploadView,
} from "./uploadsSlice.js";

/** The part of the app's state these actions read and write. */
interface FilesHost {
  files: FilesSlice;
  rooms: { current?: string };
}

interface Tracked {
  handle: UploadHandle;
  input: UploadInput;
  problem?: UploadProblem;
}

/**
 * Upload actions over the client's upload API. The client owns each upload's lifecycle; this only
 * mirrors it into the list (on every event) and forwards cancel and retry. Handles and the files
 * (kept for a retry after cancel) live in this closure, never in state.
 */
export function createFileActions<S extends FilesHost>(
  port: UploadPort | undefined,
  store: () => StoreApi<S>,
): FileActions {
  const tracked = new Map<string, Tracked>();

  function update(change: (files: FilesSlice) => FilesSlice): void {
    store().setState((s) => ({ ...s, files: change(s.files) }));
  }

  function forget(key: string): void {
    tracked.delete(key);
    port?.forgetUpload(key);
  }

  /** Copies the upload into the list; `replaces` names the row a fresh upload takes over. */
  function mirror(entry: Tracked, replaces?: string): void {
    const { handle, input } = entry;
    if (handle.state === "done") {
      // The stored message shows the file from now on; the row would only repeat it.
      forget(handle.id);
      update((files) => dropUpload(files, handle.id));
      return;
    }
    const view: UploadView = {
      key: handle.id,
      room: input.room,
      name: input.name,
      state: handle.state,
      sent: handle.sent,
      total: handle.total,
      ...(handle.state === "failed" && { problem: entry.problem ?? "files.failed" }),
    };
    update((files) =>
      replaces === undefined
        ? putUpload(files, view)
        : { ...files, uploads: files.uploads.map((u) => (u.key === replaces ? view : u)) },
    );
  }

  /** `done` rejects on failure or cancel, and a retry makes a new one: the events show why. */
  function quiet(handle: UploadHandle): void {
    handle.done.catch(() => undefined);
  }

  function start(input: UploadInput, replaces?: string): void {
    if (port === undefined) return;
    const handle = port.upload(input);
    const entry: Tracked = { handle, input };
    tracked.set(handle.id, entry);
    const show = () => mirror(entry);
    handle.on("progress", show);
    handle.on("done", show);
    handle.on("failed", (detail) => {
      entry.problem = uploadProblem(detail);
      show();
    });
    quiet(handle);
    mirror(entry, replaces);
  }

  function view(key: string): Tracked | undefined {
    return tracked.get(key);
  }

  return {
    sendFiles(files) {
      const room = store().getState().rooms.current;
      if (port === undefined || room === undefined || files.length === 0) return false;
      for (const file of files) {
        start({ room, data: file, name: file.name, ...(file.type !== "" && { mime: file.type }) });
      }
      return true;
    },
    cancelUpload(key) {
      const entry = view(key);
      if (entry === undefined) return;
      entry.handle.cancel();
      mirror(entry);
    },
    retryUpload(key) {
      const entry = view(key);
      if (entry === undefined) return;
      if (entry.handle.state === "cancelled") {
        // The client retries only failures; a cancelled upload starts afresh in the same row.
        forget(key);
        start(entry.input, key);
        return;
      }
      delete entry.problem;
      entry.handle.retry();
      quiet(entry.handle);
      mirror(entry);
    },
    dismissUpload(key) {
      const entry = view(key);
      if (entry?.handle.state === "queued" || entry?.handle.state === "sending") return;
      forget(key);
      update((files) => dropUpload(files, key));
    },
    fileUrl(id, variant) {
      return port?.fileUrl(id, variant) ?? Promise.resolve(defaultFileUrl(id, variant));
    },
  };
}
