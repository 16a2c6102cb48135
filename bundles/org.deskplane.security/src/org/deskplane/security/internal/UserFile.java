package org.deskplane.security.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Reads and atomically replaces {@code users.json}. */
final class UserFile {

    /** A users file this large is not ours; refuse it rather than read it into memory. */
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Path path;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    UserFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** @return empty when there is no file yet (first start) */
    Optional<List<StoredUser>> load() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new IOException(path + " is " + size + " bytes, more than a users file can be; not reading it");
        }
        try {
            UsersDocument document = mapper.readValue(Files.readAllBytes(path), UsersDocument.class);
            if (document.version() != UsersDocument.CURRENT_VERSION) {
                throw new IOException(path + " has format version " + document.version() + ", expected "
                        + UsersDocument.CURRENT_VERSION);
            }
            return Optional.of(document.users() == null ? List.of() : document.users());
        } catch (JacksonException e) {
            // never overwrite a file we cannot read: the operator must look at it
            throw new IOException(path + " is not a valid users file: " + e.getOriginalMessage(), e);
        }
    }

    void save(List<StoredUser> users) throws IOException {
        byte[] json = mapper.writeValueAsBytes(new UsersDocument(UsersDocument.CURRENT_VERSION, users));
        AtomicFiles.write(path, json, true);
    }
}
