import { InProcessBroker } from "./InProcessBroker.js";
import { brokerContract } from "./brokerContract.js";

brokerContract("InProcessBroker", async () => new InProcessBroker());
