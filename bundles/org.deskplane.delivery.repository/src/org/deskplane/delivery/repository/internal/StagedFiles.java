package org.deskplane.delivery.repository.internal;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.deskplane.delivery.api.PayloadFile;

/**
 * What an import put into staging: the manifest as the author wrote it (null when there was none), every payload
 * file found (by payload path, hashed while copied, sorted) and which of them were executable at the source.
 */
record StagedFiles(byte[] manifest, SortedMap<String, PayloadFile> files, Set<String> executables) {

    StagedFiles {
        files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
        executables = Set.copyOf(executables);
    }

    Map<String, PayloadFile> byPath() {
        return files;
    }
}
