package org.deskplane.content.index.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a query against a file's text and cuts the snippet: the index only knows which terms a file has, so
 * phrases (terms next to each other) and whether the file still matches now are decided here, on its text.
 */
final class TextMatch {
    static final int BEFORE = 60;
    static final int AFTER = 140;

    private TextMatch() {
    }

    /** The snippet around the first match if every clause of {@code query} occurs in {@code text}, else null. */
    static String snippet(String text, ContentQuery query) {
        List<String> terms = new ArrayList<>();
        int[][] spans = { new int[1024], new int[1024] };
        Terms.split(text, (term, start, end) -> {
            int n = terms.size();
            if (n == spans[0].length) {
                spans[0] = Arrays.copyOf(spans[0], n * 2);
                spans[1] = Arrays.copyOf(spans[1], n * 2);
            }
            spans[0][n] = start;
            spans[1][n] = end;
            terms.add(term);
            return true;
        });
        int first = -1;
        int firstEnd = -1;
        for (List<String> clause : query.clauses()) {
            int at = find(terms, clause);
            if (at < 0) {
                return null;
            }
            if (first < 0 || spans[0][at] < first) {
                first = spans[0][at];
                firstEnd = spans[1][at + clause.size() - 1];
            }
        }
        return cut(text, first, firstEnd);
    }

    private static int find(List<String> terms, List<String> clause) {
        outer: for (int i = 0; i + clause.size() <= terms.size(); i++) {
            for (int j = 0; j < clause.size(); j++) {
                if (!terms.get(i + j).equals(clause.get(j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String cut(String text, int start, int end) {
        int from = Math.max(0, start - BEFORE);
        int to = Math.min(text.length(), end + AFTER);
        // never split a surrogate pair
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
            from--;
        }
        if (to < text.length() && Character.isLowSurrogate(text.charAt(to))) {
            to++;
        }
        String core = text.substring(from, to).replaceAll("\\s+", " ").strip();
        return (from > 0 ? "…" : "") + core + (to < text.length() ? "…" : "");
    }
}
