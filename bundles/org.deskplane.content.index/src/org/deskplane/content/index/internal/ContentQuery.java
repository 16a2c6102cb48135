package org.deskplane.content.index.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;

/**
 * A parsed query: clauses that must all match, each a sequence of terms that must occur next to each other (a
 * single word is a one-term clause; a "quoted phrase", or a word that splits into several terms, is longer).
 */
record ContentQuery(List<List<String>> clauses) {
    static final int MAX_LENGTH = 256;
    static final int MAX_TERMS = 32;

    ContentQuery {
        clauses = clauses.stream().map(List::copyOf).toList();
    }

    static ContentQuery parse(String text) throws ContentException {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw new ContentException(Reason.INVALID, "a content search needs 1–" + MAX_LENGTH + " characters of words");
        }
        List<List<String>> clauses = new ArrayList<>();
        int terms = 0;
        boolean quoted = false;
        for (String part : text.split("\"", -1)) {
            if (quoted) {
                List<String> phrase = termsOf(part);
                if (!phrase.isEmpty()) {
                    clauses.add(phrase);
                    terms += phrase.size();
                }
            } else {
                for (String word : part.trim().split("\\s+")) {
                    List<String> pieces = termsOf(word);
                    if (!pieces.isEmpty()) {
                        clauses.add(pieces);
                        terms += pieces.size();
                    }
                }
            }
            quoted = !quoted;
        }
        if (clauses.isEmpty()) {
            throw new ContentException(Reason.INVALID, "the query '" + text + "' has no word to search for");
        }
        if (terms > MAX_TERMS) {
            throw new ContentException(Reason.INVALID, "a content search takes at most " + MAX_TERMS + " words");
        }
        return new ContentQuery(clauses);
    }

    /** Every distinct term of every clause: a file must contain all of them to be a candidate. */
    List<String> allTerms() {
        return clauses.stream().flatMap(List::stream).distinct().toList();
    }

    private static List<String> termsOf(String text) {
        List<String> terms = new ArrayList<>();
        Terms.split(text, (term, start, end) -> terms.add(term));
        return terms;
    }
}
