package org.deskplane.content.index.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The inverted index of one data source: a term dictionary, for each term the ascending ids of the files that
 * contain it, and for each file its metadata and its terms (so a changed or removed file can be taken out). Safe
 * for concurrent use: searches read while a build updates one file at a time.
 */
final class SourceIndex {
    /** What the index knows of one file. {@code modified} is epoch millis or {@link Long#MIN_VALUE}. */
    record Doc(String path, long size, long modified, String etag, int[] terms) {
    }

    /** A growable array of ascending file ids. */
    private static final class Postings {
        int[] ids = new int[4];
        int size;

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<String> terms = new ArrayList<>();
    private final Map<String, Integer> termIds = new HashMap<>();
    private final List<Postings> postings = new ArrayList<>();
    private final List<Doc> docs = new ArrayList<>();
    private final Map<String, Integer> docIds = new HashMap<>();
    private int removed;

    Doc doc(String path) {
        lock.readLock().lock();
        try {
            Integer id = docIds.get(path);
            return id == null ? null : docs.get(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds or replaces a file with its distinct terms. New terms beyond {@code maxTerms} in the dictionary are not
     * added; returns how many were dropped that way.
     */
    int put(String path, long size, long modified, String etag, Collection<String> fileTerms, int maxTerms) {
        lock.writeLock().lock();
        try {
            removeLocked(path);
            int id = docs.size();
            int[] ids = new int[fileTerms.size()];
            int n = 0;
            int dropped = 0;
            for (String term : fileTerms) {
                Integer termId = termIds.get(term);
                if (termId == null) {
                    if (termIds.size() >= maxTerms) {
                        dropped++;
                        continue;
                    }
                    termId = terms.size();
                    terms.add(term);
                    termIds.put(term, termId);
                    postings.add(new Postings());
                }
                ids[n++] = termId;
                postings.get(termId).add(id);
            }
            docs.add(new Doc(path, size, modified, etag, Arrays.copyOf(ids, n)));
            docIds.put(path, id);
            return dropped;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(String path) {
        lock.writeLock().lock();
        try {
            removeLocked(path);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Takes out every file not in {@code paths} (they were not found by the last walk). */
    void retainOnly(Set<String> paths) {
        lock.writeLock().lock();
        try {
            for (String path : List.copyOf(docIds.keySet())) {
                if (!paths.contains(path)) {
                    removeLocked(path);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The paths of the files that contain every term (ascending by when they were indexed). */
    List<String> candidates(Collection<String> required) {
        lock.readLock().lock();
        try {
            int[] result = null;
            int resultSize = 0;
            for (String term : required) {
                Integer termId = termIds.get(term);
                if (termId == null) {
                    return List.of();
                }
                Postings p = postings.get(termId);
                if (result == null) {
                    result = Arrays.copyOf(p.ids, p.size);
                    resultSize = p.size;
                } else {
                    resultSize = intersect(result, resultSize, p.ids, p.size);
                }
                if (resultSize == 0) {
                    return List.of();
                }
            }
            List<String> paths = new ArrayList<>();
            for (int i = 0; result != null && i < resultSize; i++) {
                Doc doc = docs.get(result[i]);
                if (doc != null) {
                    paths.add(doc.path());
                }
            }
            return paths;
        } finally {
            lock.readLock().unlock();
        }
    }

    int fileCount() {
        lock.readLock().lock();
        try {
            return docIds.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    int termCount() {
        lock.readLock().lock();
        try {
            return termIds.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes the live files and the terms they use (removed files and unused terms are left behind). */
    void write(DataOutput out) throws IOException {
        lock.readLock().lock();
        try {
            int[] remap = new int[terms.size()];
            Arrays.fill(remap, -1);
            List<String> used = new ArrayList<>();
            for (Doc doc : docs) {
                if (doc != null) {
                    for (int t : doc.terms()) {
                        if (remap[t] < 0) {
                            remap[t] = used.size();
                            used.add(terms.get(t));
                        }
                    }
                }
            }
            out.writeInt(used.size());
            for (String term : used) {
                out.writeUTF(term);
            }
            out.writeInt(docIds.size());
            for (Doc doc : docs) {
                if (doc != null) {
                    out.writeUTF(doc.path());
                    out.writeLong(doc.size());
                    out.writeLong(doc.modified());
                    out.writeUTF(doc.etag() == null ? "" : doc.etag());
                    out.writeInt(doc.terms().length);
                    for (int t : doc.terms()) {
                        out.writeInt(remap[t]);
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Reads what {@link #write} wrote, checking every count and id against {@code maxTerms} and {@code maxFiles}. */
    static SourceIndex read(DataInput in, int maxTerms, int maxFiles) throws IOException {
        SourceIndex index = new SourceIndex();
        int termCount = in.readInt();
        if (termCount < 0 || termCount > maxTerms) {
            throw new IOException("term count " + termCount + " out of range");
        }
        List<String> dictionary = new ArrayList<>();
        for (int i = 0; i < termCount; i++) {
            dictionary.add(in.readUTF());
        }
        int docCount = in.readInt();
        if (docCount < 0 || docCount > maxFiles) {
            throw new IOException("file count " + docCount + " out of range");
        }
        for (int i = 0; i < docCount; i++) {
            String path = in.readUTF();
            long size = in.readLong();
            long modified = in.readLong();
            String etag = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > termCount) {
                throw new IOException("file " + path + " has " + n + " terms of " + termCount);
            }
            List<String> fileTerms = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                int t = in.readInt();
                if (t < 0 || t >= termCount) {
                    throw new IOException("term id " + t + " out of range in " + path);
                }
                fileTerms.add(dictionary.get(t));
            }
            if (!path.startsWith("/") || size < 0) {
                throw new IOException("bad file record " + path);
            }
            index.put(path, size, modified, etag.isEmpty() ? null : etag, fileTerms, Integer.MAX_VALUE);
        }
        return index;
    }

    private void removeLocked(String path) {
        Integer id = docIds.remove(path);
        if (id == null) {
            return;
        }
        docs.set(id, null);
        removed++;
        // the postings still name removed ids (skipped by candidates); compact once they are the majority
        if (removed > 1024 && removed > docIds.size()) {
            compactLocked();
        }
    }

    private void compactLocked() {
        List<Doc> live = docs.stream().filter(d -> d != null).toList();
        List<String> oldTerms = List.copyOf(terms);
        docs.clear();
        docIds.clear();
        terms.clear();
        termIds.clear();
        postings.clear();
        removed = 0;
        for (Doc doc : live) {
            List<String> fileTerms = new ArrayList<>(doc.terms().length);
            for (int t : doc.terms()) {
                fileTerms.add(oldTerms.get(t));
            }
            // re-adding never drops: every term was already in the dictionary
            int id = docs.size();
            int[] ids = new int[fileTerms.size()];
            for (int i = 0; i < ids.length; i++) {
                String term = fileTerms.get(i);
                Integer termId = termIds.get(term);
                if (termId == null) {
                    termId = terms.size();
                    terms.add(term);
                    termIds.put(term, termId);
                    postings.add(new Postings());
                }
                ids[i] = termId;
                postings.get(termId).add(id);
            }
            docs.add(new Doc(doc.path(), doc.size(), doc.modified(), doc.etag(), ids));
            docIds.put(doc.path(), id);
        }
    }

    /** Keeps in {@code a} the ids also in {@code b} (both ascending); returns the new size. */
    private static int intersect(int[] a, int aSize, int[] b, int bSize) {
        int i = 0;
        int j = 0;
        int out = 0;
        while (i < aSize && j < bSize) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                a[out++] = a[i];
                i++;
                j++;
            }
        }
        return out;
    }
}
