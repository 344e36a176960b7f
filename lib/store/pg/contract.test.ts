import { describe } from "vitest";
import { testSections, testSite } from "@/lib/content/test-helpers";
import { storeContract } from "../contract";
import { pgStoreFromArticles, pgUrl } from "./test-store";

describe.skipIf(!pgUrl)("PostgreSQL", () => {
  storeContract("PostgreSQL", (articles, sources = []) => pgStoreFromArticles(articles, { site: testSite, sections: testSections, sources }));
});
