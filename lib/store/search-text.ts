import { proseOf } from "@/lib/content/markdown";
import { tokenize, wordTerms } from "@/lib/search/text";

/*
 * What the search index holds of an article: its title, lead, tags and the opening of its body
 * as Snowball terms (lib/search/text.ts, which also reads queries, so both sides agree). Shared
 * by every store: the terms are the same whichever database keeps them.
 */

/** Words of a body the search indexes: the opening, which in news carries the facts. */
export const SEARCH_BODY_WORDS = 300;

// Stemming is most of the cost of indexing a million articles' words, and news repeats its
// words: the stems of recent words are kept (bounded; it starts afresh when full).
const stems = new Map<string, string>();
const STEM_CACHE = 200_000;

function termsOfWord(word: string): string {
  let terms = stems.get(word);
  if (terms === undefined) {
    terms = wordTerms(word).join(" ");
    if (stems.size >= STEM_CACHE) stems.clear();
    stems.set(word, terms);
  }
  return terms;
}

/** A field's words as space-separated terms (stop words dropped), at most `maxWords` words read. */
export function termsText(text: string, maxWords = Infinity): string {
  const out: string[] = [];
  let n = 0;
  for (const { word } of tokenize(text)) {
    if (n++ >= maxWords) break;
    const terms = termsOfWord(word);
    if (terms) out.push(terms);
  }
  return out.join(" ");
}

/**
 * The reader-visible words of a Markdown body, cheaply: link and image targets, HTML tags and
 * entities are dropped (their words are not the story's); what is left of the markup is
 * punctuation, which the tokenizer skips. Exact rendering is the page's job, not the index's.
 */
export function markdownWords(markdown: string, { skipFirstParagraph = false } = {}): string {
  let text = markdown;
  if (skipFirstParagraph) {
    // The lead came from the body's first paragraph and is indexed as the lead.
    const m = /\S[\s\S]*?(?:\n[ \t]*\n|$)/.exec(text);
    if (m) text = text.slice(m.index + m[0].length);
  }
  // The bounded patterns of the word count: a hostile body costs linear time, not quadratic.
  return proseOf(text).replace(/&#?\w{1,32};/g, " ");
}

export interface SearchFields {
  title: string;
  lead: string;
  tags: string;
  body: string;
}

/** The four indexed fields of an article, as terms. */
export function searchFields(article: { title: string; lead: string; tags: string[] }, bodyMarkdown: string, leadFromBody: boolean): SearchFields {
  return {
    title: termsText(article.title),
    lead: termsText(article.lead),
    tags: termsText(article.tags.join(" \n ")),
    body: termsText(markdownWords(bodyMarkdown, { skipFirstParagraph: leadFromBody }), SEARCH_BODY_WORDS),
  };
}
