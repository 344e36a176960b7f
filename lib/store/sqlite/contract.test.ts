import { makeStore } from "@/lib/content/test-helpers";
import { storeContract } from "../contract";

storeContract("SQLite", makeStore);
