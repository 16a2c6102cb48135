package org.deskplane.model.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** A stored model file that cannot be parsed. The file is kept untouched at {@link #keptFile()}. */
public class CorruptModelException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String modelName;
    private final transient Path keptFile;

    public CorruptModelException(String modelName, Path keptFile, String reason, Throwable cause) {
        super("model '" + modelName + "' in " + keptFile + " cannot be read (" + reason
                + "); the file is kept as it is and will not be overwritten: repair it, or move it aside"
                + " with ModelStore.quarantine(\"" + modelName + "\")", cause);
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.keptFile = Objects.requireNonNull(keptFile, "keptFile");
    }

    public String modelName() {
        return modelName;
    }

    /** The unreadable file, left where it is. */
    public Path keptFile() {
        return keptFile;
    }
}
