package org.deskplane.content.index.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;

/**
 * One (re)build of a source's index through its view: walk the folders (bounded in depth and files), then read
 * each file that is new or changed (by etag, size and time), take its terms, and drop the files no longer there.
 */
final class IndexBuilder {
    private static final Logger LOG = Logger.getLogger(IndexBuilder.class.getName());

    /** Files handled and found, for the index status while a build runs. */
    record Progress(AtomicLong done, AtomicLong total) {
        Progress() {
            this(new AtomicLong(), new AtomicLong());
        }
    }

    /** What a build did; {@code detail} names what the caps left out and what failed ("" when nothing). */
    record Result(int files, int read, int binaries, int failed, String detail) {
    }

    private final IndexSettings settings;

    IndexBuilder(IndexSettings settings) {
        this.settings = settings;
    }

    Result build(ContentView view, SourceIndex index, Progress progress) throws IOException, InterruptedException {
        List<String> remarks = new ArrayList<>();
        List<ContentEntry> files = walk(view, remarks);
        progress.total().set(files.size());
        Set<String> seen = new HashSet<>();
        int read = 0;
        int binaries = 0;
        int failed = 0;
        long droppedTerms = 0;
        for (ContentEntry file : files) {
            if (Thread.interrupted()) {
                throw new InterruptedException("index build cancelled");
            }
            seen.add(file.path());
            if (!unchanged(index.doc(file.path()), file)) {
                try {
                    TextReader.Text text = TextReader.read(view, file.path(), settings.maxFileBytes());
                    read++;
                    Set<String> terms = new LinkedHashSet<>();
                    if (text.text() == null) {
                        binaries++;
                    } else {
                        Terms.split(text.text(), (term, start, end) -> {
                            terms.add(term);
                            return terms.size() < settings.maxTermsPerFile();
                        });
                    }
                    // a binary is remembered without terms, so an unchanged one is not read again either
                    ContentEntry entry = text.entry();
                    droppedTerms += index.put(file.path(), entry.size(), millis(entry), entry.etag(), terms, settings.maxTerms());
                } catch (IOException e) {
                    failed++;
                    index.remove(file.path());
                    LOG.log(Level.FINE, "cannot index " + file.path() + ": " + e);
                }
            }
            progress.done().incrementAndGet();
        }
        index.retainOnly(seen);
        if (droppedTerms > 0) {
            remarks.add(droppedTerms + " new terms left out: the index holds at most " + settings.maxTerms() + " terms");
        }
        if (failed > 0) {
            remarks.add(failed + " files could not be read");
        }
        return new Result(files.size(), read, binaries, failed, String.join("; ", remarks));
    }

    /** Breadth first, so a cap on files keeps the upper folders. */
    private List<ContentEntry> walk(ContentView view, List<String> remarks) throws IOException {
        List<ContentEntry> files = new ArrayList<>();
        Deque<String> folders = new ArrayDeque<>(List.of("/"));
        int visited = 0;
        boolean deep = false;
        while (!folders.isEmpty()) {
            String folder = folders.poll();
            if (++visited > settings.maxFiles()) {
                remarks.add("stopped after " + settings.maxFiles() + " folders");
                break;
            }
            List<ContentEntry> children;
            try {
                children = view.list(folder);
            } catch (NoSuchFileException | ContentException e) {
                if (folder.equals("/")) {
                    throw e;
                }
                continue;
            }
            for (ContentEntry child : children) {
                if (child.type() == EntryType.DIRECTORY) {
                    if (depth(child.path()) < settings.maxDepth()) {
                        folders.add(child.path());
                    } else {
                        deep = true;
                    }
                } else if (child.type() == EntryType.FILE) {
                    if (files.size() >= settings.maxFiles()) {
                        remarks.add("only the first " + settings.maxFiles() + " files are indexed (configuration 'maxFiles')");
                        return files;
                    }
                    files.add(child);
                }
            }
        }
        if (deep) {
            remarks.add("folders deeper than " + settings.maxDepth() + " levels are not indexed");
        }
        return files;
    }

    private static boolean unchanged(SourceIndex.Doc doc, ContentEntry file) {
        return doc != null && doc.size() == file.size() && doc.modified() == millis(file)
                && Objects.equals(doc.etag(), file.etag());
    }

    static long millis(ContentEntry entry) {
        return entry.modified() == null ? Long.MIN_VALUE : entry.modified().toEpochMilli();
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
