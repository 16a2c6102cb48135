package org.deskplane.layers.api;

import java.util.List;

/** What a verification found; {@link #problems()} is empty for a sound store. */
public record VerifyReport(long chunksChecked, long manifestsChecked, List<String> problems) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
