import { searchContract } from "../search-contract";
import { storeFromArticles } from "./memory";
import { SEARCH_WINDOW } from "./reader";

searchContract("SQLite", storeFromArticles, SEARCH_WINDOW);
