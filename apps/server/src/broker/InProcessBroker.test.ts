import { InProcessBroker } from "./InProcessBroker.js";
import { brokerContract } from "../../test/contracts/broker.contract.js";

brokerContract("InProcessBroker", async () => new InProcessBroker());
