import { createContext, useContext, useState, type ReactNode } from "react";
import type { ChatMessage } from "@duplex/protocol";

/** The message the composer's next send answers. */
export type ReplyTarget = Pick<ChatMessage, "room" | "id" | "from" | "text">;

const TargetContext = createContext<ReplyTarget | undefined>(undefined);
const SetTargetContext = createContext<(target: ReplyTarget | undefined) => void>(() => undefined);

/** Holds the reply being written, shared by the messages' "Reply" buttons and the composer. */
export function ReplyDraftProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<ReplyTarget | undefined>();
  return (
    <SetTargetContext.Provider value={setTarget}>
      <TargetContext.Provider value={target}>{children}</TargetContext.Provider>
    </SetTargetContext.Provider>
  );
}

export const useReplyTarget = () => useContext(TargetContext);
/** Stable: rows that only start a reply do not re-render when the target changes. */
export const useSetReplyTarget = () => useContext(SetTargetContext);
