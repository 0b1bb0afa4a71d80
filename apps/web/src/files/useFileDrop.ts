import { useRef, useState, type DragEvent } from "react";
import { useActions } from "../store/storeContext.js";
import { carriesFiles, filesOf } from "./droppedFiles.js";

export interface FileDrop {
  /** Files are being dragged over the conversation: show where they would go. */
  dragging: boolean;
  handlers: {
    onDragEnter(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

/** Drop files anywhere on the conversation to upload them to the room on screen. */
export function useFileDrop(): FileDrop {
  const { sendFiles } = useActions();
  const [dragging, setDragging] = useState(false);
  // Enter and leave fire for every child crossed; the drag left only when the count is back to 0.
  const depth = useRef(0);

  return {
    dragging,
    handlers: {
      onDragEnter(event) {
        if (!carriesFiles(event.dataTransfer)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      },
      onDragOver(event) {
        if (!carriesFiles(event.dataTransfer)) return;
        // Without this the browser would open the file in place of the app.
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      },
      onDragLeave(event) {
        if (!carriesFiles(event.dataTransfer)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop(event) {
        const files = filesOf(event.dataTransfer);
        depth.current = 0;
        setDragging(false);
        if (files.length === 0) return;
        event.preventDefault();
        sendFiles(files);
      },
    },
  };
}
