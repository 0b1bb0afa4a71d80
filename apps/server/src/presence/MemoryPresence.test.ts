import { MemoryPresence } from "./MemoryPresence.js";
import { presenceContract } from "../../test/contracts/presence.contract.js";

presenceContract("MemoryPresence", async () => new MemoryPresence());
