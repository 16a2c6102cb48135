package org.deskplane.workbench.internal.handlers;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchIds;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * Installs a bundle from a jar file: the one named by the command's path parameter, or else the one the user
 * picks in a file dialog. The jar is read and sent off the UI thread; it is started unless the start
 * parameter says {@code false}.
 */
public class InstallBundleHandler {

    @CanExecute
    boolean canExecute(@Optional BundleManager manager) {
        return manager != null;
    }

    @Execute
    void execute(@Optional @Named(WorkbenchIds.PARAMETER_JAR_PATH) String jarPath,
            @Optional @Named(WorkbenchIds.PARAMETER_START) String start, BundleManager manager,
            OperationRunner runner, IEventBroker broker, @Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        String chosen = jarPath == null || jarPath.isBlank() ? askForJar(shell) : jarPath.trim();
        if (chosen == null) {
            return;
        }
        Path jar = Path.of(chosen);
        if (!Files.isRegularFile(jar)) {
            MessageDialog.openError(shell, "Install bundle", "No such file: " + jar);
            return;
        }
        boolean startIt = start == null || !start.trim().equalsIgnoreCase("false");
        String description = "Install bundle " + jar.getFileName();
        runner.run(description, () -> {
            try (InputStream in = Files.newInputStream(jar)) {
                return manager.install(in, startIt);
            }
        }, installed -> broker.post(WorkbenchTopics.BUNDLES_CHANGED, description + ": " + installed.symbolicName()
                + " " + installed.version() + " (" + installed.id() + "), " + installed.state()));
    }

    private static String askForJar(Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Install bundle from a jar file");
        dialog.setFilterExtensions(new String[] { "*.jar", "*" });
        dialog.setFilterNames(new String[] { "Bundle jars (*.jar)", "All files" });
        return dialog.open();
    }
}
