import { articleMarkdown } from "@/lib/content/body";
import type { Article } from "@/lib/content/types";
import { searchFields } from "@/lib/store/search-text";
import { documentLiteral, headLiteral, titleTerms } from "./search";

/*
 * An article's rows of the search (search_docs' head and doc, «По теме»'s title_terms), made from
 * its index row and its file's text: Snowball terms of the title, tags, lead and body. This is
 * most of a copy's own work (the body's words stemmed), so a whole copy makes them on worker
 * threads (search-rows-threads.ts) while PostgreSQL stores the chunk before.
 */

/** What an article's search rows are made of: its index row's JSON and month, its file's text. */
export interface SearchRowInput {
  data: string;
  month: string;
  text: string | undefined;
}

export interface SearchRow {
  head: string;
  doc: string;
  terms: string[];
}

export function searchRow({ data, month, text }: SearchRowInput): SearchRow {
  const article = JSON.parse(data) as Article;
  const source = text === undefined ? undefined : articleMarkdown(text);
  const markdown = source && "markdown" in source ? source.markdown : "";
  const fields = searchFields(article, markdown, article.leadFromBody);
  return { head: headLiteral(fields), doc: documentLiteral(fields, month), terms: titleTerms(fields) };
}
