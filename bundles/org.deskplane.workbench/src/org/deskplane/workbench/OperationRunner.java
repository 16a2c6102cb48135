package org.deskplane.workbench;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a server call off the UI thread and hands its result back on the UI thread. A failure is shown to
 * the user in an error dialog with the server's message, never swallowed. Found in the application's e4
 * context: {@code @Inject OperationRunner runner}.
 */
@ProviderType
public interface OperationRunner {

    /**
     * @param description what is being done, for the user ("Start bundle 42")
     * @param work        runs on a background thread
     * @param onSuccess   runs on the UI thread with the result (null allowed)
     */
    <T> void run(String description, Callable<T> work, Consumer<T> onSuccess);
}
