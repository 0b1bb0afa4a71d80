import { MemoryPresence } from "./MemoryPresence.js";
import { presenceContract } from "./presenceContract.js";

presenceContract("MemoryPresence", async () => new MemoryPresence());
