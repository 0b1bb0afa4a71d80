/** Whether a drag carries files (not text or a link dragged from the page). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes("Files");
}

/** The files of a drop or a paste; empty for text, links, or nothing. */
export function filesOf(transfer: DataTransfer | null): File[] {
  if (transfer === null) return [];
  if (transfer.files.length > 0) return Array.from(transfer.files);
  // Some browsers list a pasted screenshot only among the items.
  const files: File[] = [];
  for (const item of Array.from(transfer.items ?? [])) {
    if (item.kind !== "file") continue;
    const file = item.getAsFile();
    if (file !== null) files.push(file);
  }
  return files;
}
