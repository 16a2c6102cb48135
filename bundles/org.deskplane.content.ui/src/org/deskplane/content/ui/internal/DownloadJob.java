package org.deskplane.content.ui.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.RequestContext;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Saves one file of a data source to a local file, chunk by chunk (each chunk one server read), with progress.
 * It writes a temporary file next to the target and renames it at the end, so a failed or cancelled download
 * leaves no half file under the chosen name. The outcome goes to {@code done}: null for success, else the error.
 */
final class DownloadJob extends Job {

    private static final int CHUNK = 1024 * 1024;

    private final ContentAccess access;
    private final RequestContext context;
    private final String sourceId;
    private final String path;
    private final Path target;
    private final Consumer<Exception> done;

    DownloadJob(ContentAccess access, RequestContext context, String sourceId, String path, Path target,
            Consumer<Exception> done) {
        super("Download " + sourceId + path);
        this.access = access;
        this.context = context;
        this.sourceId = sourceId;
        this.path = path;
        this.target = target;
        this.done = done;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        try (ContentReader reader = access.open(context, sourceId, path)) {
            long size = reader.entry().size();
            // progress in KiB: a work count must fit an int even for very large files
            SubMonitor progress = SubMonitor.convert(monitor, getName(), (int) Math.min(Integer.MAX_VALUE, size / 1024 + 1));
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[CHUNK];
                long position = 0;
                while (position < size) {
                    if (progress.isCanceled()) {
                        Files.deleteIfExists(partial);
                        done.accept(new InterruptedException("Download of " + path + " cancelled"));
                        return Status.CANCEL_STATUS;
                    }
                    int n = reader.read(position, buffer, 0, (int) Math.min(buffer.length, size - position));
                    if (n < 0) {
                        throw new IOException(path + " ended at " + position + " of " + size + " bytes");
                    }
                    out.write(buffer, 0, n);
                    long before = position / 1024;
                    position += n;
                    progress.worked((int) (position / 1024 - before));
                }
                out.flush();
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done.accept(null);
            return Status.OK_STATUS;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the error below is what the user needs to see
            }
            done.accept(e);
            // the part shows the error in a dialog: an error status would show a second one
            return Status.OK_STATUS;
        } finally {
            monitor.done();
        }
    }
}
