package org.deskplane.workbench.contrib.api;

import java.util.Optional;

import org.eclipse.swt.widgets.Composite;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part (and the menu item that shows it) that a bundle adds to the running workbench by registering this as an
 * OSGi service; unregistering it (bundle stopped or uninstalled) removes both. {@link #createContent} and
 * {@link #dispose} are called on the UI thread; the other methods may be called on any thread and must be cheap.
 */
@ConsumerType
public interface PartContribution {

    /**
     * Unique and stable among contributions, letters, digits, '.', '-' and '_' only: the part's element id is
     * {@code org.deskplane.workbench.contrib.part.<id>}, the menu item's {@code …contrib.menuitem.<id>}.
     */
    String id();

    /** The part's tab label. */
    String label();

    /** The menu item's label under "Modules"; the part's label by default. */
    default String menuLabel() {
        return label();
    }

    /** An icon as a {@code platform:/plugin/…} or {@code bundleclass}-style URI the workbench can load; none by default. */
    default Optional<String> iconUri() {
        return Optional.empty();
    }

    /** Builds the part's widgets below {@code parent} (which has a FillLayout), when the part is first shown. */
    void createContent(Composite parent);

    /** The part's widgets are being disposed (part closed or contribution removed): let go of what they used. */
    void dispose();
}
