import { makeStore } from "@/lib/content/test-helpers";
import { storeContract } from "./contract";

storeContract("MemoryStore", makeStore);
