package org.deskplane.model.store;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.emf.ecore.EObject;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Loads and saves named EMF models. Names are short identifiers ({@value #NAME_PATTERN}); a name maps to the
 * file {@code <name>.xmi} in the store's directory. Objects handed out and taken in are copies: callers own
 * them and may change them freely; only {@link #save} changes what is stored. Safe for concurrent use.
 */
@ProviderType
public interface ModelStore {

    /** The name of the inventory shared by the capabilities. */
    String INVENTORY = "inventory";

    /** What a model name must look like (it becomes a file name). */
    String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    /**
     * The stored root object of the named model, or a new empty {@link org.deskplane.model.Inventory} when
     * nothing is stored under that name yet.
     *
     * @throws CorruptModelException when the stored file cannot be read as a model (the file is kept)
     * @throws IOException           when the file cannot be read at all
     */
    EObject load(String name) throws IOException;

    /** Like {@link #load(String)}, checking that the root is a {@code type}. */
    default <T extends EObject> T load(String name, Class<T> type) throws IOException {
        EObject root = load(name);
        if (!type.isInstance(root)) {
            throw new IOException("model '" + name + "' holds a " + root.eClass().getName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(root);
    }

    /**
     * Stores a copy of {@code root} (with everything it contains) under {@code name}, atomically replacing
     * what was there.
     *
     * @throws CorruptModelException when the stored file is corrupt: it is not replaced, see
     *                               {@link #quarantine(String)}
     */
    void save(String name, EObject root) throws IOException;

    /** True when a file is stored under this name (whether or not it is readable). */
    boolean exists(String name);

    /**
     * Moves the stored file of {@code name} aside to {@code <name>.xmi.corrupt-<UTC timestamp>} so that the name
     * starts afresh. Meant for an operator's decision after a {@link CorruptModelException}.
     *
     * @return where the file was moved, or null when nothing was stored under that name
     */
    Path quarantine(String name) throws IOException;
}
