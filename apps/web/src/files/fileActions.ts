import type { StoreApi } from "zustand/vanilla";
import { uploadProblem } from "./uploadProblem.js";
import { defaultFileUrl, type UploadHandle, type UploadPort } from "./uploadPort.js";
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

/**
 * Upload actions over the client's upload API. The client owns each upload's lifecycle; this only
 * mirrors it into the list (on every event) and forwards cancel and retry. The handles live in this
 * closure, never in state.
 */
export function createFileActions<S extends FilesHost>(
  port: UploadPort | undefined,
  store: () => StoreApi<S>,
): FileActions {
  const handles = new Map<string, UploadHandle>();
  const problems = new Map<string, ReturnType<typeof uploadProblem>>();

  function mirror(handle: UploadHandle, room: string, name: string): void {
    if (handle.state === "done") {
      // The stored message shows the file from now on; the row would only repeat it.
      handles.delete(handle.id);
      problems.delete(handle.id);
      update((files) => dropUpload(files, handle.id));
      return;
    }
    const problem = handle.state === "failed" ? problems.get(handle.id) : undefined;
    const view: UploadView = {
      key: handle.id,
      room,
      name,
      state: handle.state,
      sent: handle.sent,
      total: handle.total,
      ...(problem !== undefined && { problem }),
    };
    update((files) => putUpload(files, view));
  }

  function update(change: (files: FilesSlice) => FilesSlice): void {
    store().setState((s) => ({ ...s, files: change(s.files) }));
  }

  function start(file: File, room: string): void {
    if (port === undefined) return;
    const handle = port.upload({
      room,
      data: file,
      name: file.name,
      ...(file.type && { mime: file.type }),
    });
    handles.set(handle.id, handle);
    const show = () => mirror(handle, room, file.name);
    handle.on("progress", show);
    handle.on("done", show);
    handle.on("failed", (detail) => {
      problems.set(handle.id, uploadProblem(detail));
      show();
    });
    // `done` also rejects on failure or cancel; the events above already showed why.
    handle.done.catch(() => undefined);
    show();
  }

  return {
    sendFiles(files) {
      const room = store().getState().rooms.current;
      if (port === undefined || room === undefined || files.length === 0) return false;
      for (const file of files) start(file, room);
      return true;
    },
    cancelUpload(key) {
      const handle = handles.get(key);
      if (handle === undefined) return;
      handle.cancel();
      const view = store()
        .getState()
        .files.uploads.find((u) => u.key === key);
      if (view) mirror(handle, view.room, view.name);
    },
    retryUpload(key) {
      const handle = handles.get(key);
      if (handle === undefined) return;
      problems.delete(key);
      handle.retry();
      const view = store()
        .getState()
        .files.uploads.find((u) => u.key === key);
      if (view) mirror(handle, view.room, view.name);
    },
    dismissUpload(key) {
      const handle = handles.get(key);
      if (handle?.state === "queued" || handle?.state === "sending") return;
      handles.delete(key);
      problems.delete(key);
      update((files) => dropUpload(files, key));
    },
    fileUrl(id, variant) {
      return port?.fileUrl(id, variant) ?? defaultFileUrl(id, variant);
    },
  };
}
