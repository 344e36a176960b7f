import { describe } from "vitest";
import { searchContract } from "../search-contract";
import { PG_SEARCH_WINDOW } from "./reader";
import { pgStoreFromArticles, pgUrl } from "./test-store";

describe.skipIf(!pgUrl)("PostgreSQL", () => {
  searchContract("PostgreSQL", pgStoreFromArticles, PG_SEARCH_WINDOW);
});
