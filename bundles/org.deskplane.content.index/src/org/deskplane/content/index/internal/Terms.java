package org.deskplane.content.index.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits text into terms, the same way for indexing and for queries: runs of letters and digits, folded to lower
 * case without accents ("Grüße" → "grusse"); each Han, Hiragana or Katakana character is a term of its own
 * because those scripts put no spaces between words (a query word of several such characters is a phrase).
 */
final class Terms {
    /** Longer terms are cut: nobody searches for 200-letter words, and it bounds the dictionary's strings. */
    static final int MAX_TERM_LENGTH = 64;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** Receives each term with where it is in the text. */
    @FunctionalInterface
    interface Sink {
        /** @return false to stop */
        boolean term(String term, int start, int end);
    }

    private Terms() {
    }

    /** Calls {@code sink} for each term of {@code text} in order, until it returns false. */
    static void split(CharSequence text, Sink sink) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            int c = Character.codePointAt(text, i);
            int width = Character.charCount(c);
            if (standsAlone(c)) {
                if (!sink.term(fold(text.subSequence(i, i + width).toString()), i, i + width)) {
                    return;
                }
                i += width;
            } else if (wordChar(c)) {
                int start = i;
                i += width;
                while (i < length) {
                    int next = Character.codePointAt(text, i);
                    if (!wordChar(next) || standsAlone(next)) {
                        break;
                    }
                    i += Character.charCount(next);
                }
                String term = fold(text.subSequence(start, i).toString());
                if (!term.isEmpty() && !sink.term(term, start, i)) {
                    return;
                }
            } else {
                i += width;
            }
        }
    }

    /** Lower case, no accents, bounded length. */
    static String fold(String word) {
        String folded = word;
        if (!isPlainAscii(word)) {
            folded = MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFKD)).replaceAll("").replace("ß", "ss");
        }
        folded = folded.toLowerCase(Locale.ROOT);
        return folded.length() > MAX_TERM_LENGTH ? folded.substring(0, MAX_TERM_LENGTH) : folded;
    }

    private static boolean isPlainAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean wordChar(int c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        // combining accents belong to the word they decorate (a decomposed "é" is 'e' + U+0301)
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean standsAlone(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
