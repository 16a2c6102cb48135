package org.deskplane.modules.runtime.internal;

import java.io.File;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * File-system decisions for guarded call sites: which arguments are paths, whether the call reads or writes,
 * and whether the module's roots cover them. Unknown shapes are refused (deny by default).
 */
final class FileAccess {

    private static final Set<String> FILE_READS = Set.of("exists", "isFile", "isDirectory", "isHidden", "length",
            "lastModified", "list", "listFiles", "canRead", "canWrite", "canExecute", "getTotalSpace",
            "getFreeSpace", "getUsableSpace");
    private static final Set<String> FILE_WRITES = Set.of("delete", "deleteOnExit", "renameTo", "mkdir", "mkdirs",
            "createNewFile", "setLastModified", "setReadOnly", "setWritable", "setReadable", "setExecutable",
            "createTempFile");
    static final Set<String> FILE_METHODS = union(FILE_READS, FILE_WRITES);

    /** Files / FileSystemProvider methods that only read. */
    private static final Set<String> NIO_READS = Set.of("newInputStream", "readAllBytes", "readString",
            "readAllLines", "lines", "newBufferedReader", "exists", "notExists", "isDirectory", "isRegularFile",
            "isSymbolicLink", "isReadable", "isWritable", "isExecutable", "isHidden", "isSameFile", "size",
            "getLastModifiedTime", "getOwner", "getPosixFilePermissions", "getAttribute", "readAttributes",
            "getFileAttributeView", "getFileStore", "probeContentType", "readSymbolicLink", "list", "walk",
            "walkFileTree", "find", "newDirectoryStream", "checkAccess", "mismatch", "newFileSystem");
    /** Methods whose mode follows their OpenOption arguments (READ by default). */
    private static final Set<String> NIO_BY_OPTIONS = Set.of("newByteChannel", "open", "newFileChannel",
            "newAsynchronousFileChannel");
    /** Constructors that read; the others (streams/writers/formatters) write. */
    private static final Set<String> READING_CONSTRUCTORS = Set.of("java/io/FileInputStream", "java/io/FileReader",
            "java/util/Scanner", "java/util/zip/ZipFile", "java/util/jar/JarFile");
    /** Constructors whose first String argument is a file name (Scanner's is text to scan). */
    private static final Set<String> STRING_IS_FILE_NAME = Set.of("java/io/FileInputStream",
            "java/io/FileOutputStream", "java/io/RandomAccessFile", "java/io/FileReader", "java/io/FileWriter",
            "java/io/PrintWriter", "java/io/PrintStream", "java/util/Formatter", "java/util/zip/ZipFile",
            "java/util/jar/JarFile");

    private FileAccess() {
    }

    /** @return null when allowed, else why not */
    static String check(ModulePolicy policy, String owner, String name, Object[] args) {
        List<Path> reads = new ArrayList<>();
        List<Path> writes = new ArrayList<>();
        if (name.equals("<init>")) {
            classifyConstructor(owner, args, reads, writes);
        } else if (owner.equals("java/io/File")) {
            if (name.equals("createTempFile") && !hasPath(args)) {
                return "File.createTempFile without a directory (the system temp dir is not granted)";
            }
            (FILE_READS.contains(name) ? reads : writes).addAll(paths(args));
        } else {
            if ((name.equals("createTempFile") || name.equals("createTempDirectory")) && !hasPath(args)) {
                return name + " without a directory (the system temp dir is not granted)";
            }
            classifyNio(name, args, reads, writes);
        }
        for (Path p : writes) {
            if (!PathRoots.isUnder(p, policy.writeRoots())) {
                return "write access to " + p.toAbsolutePath().normalize();
            }
        }
        for (Path p : reads) {
            if (!PathRoots.isUnder(p, policy.readRoots())) {
                return "read access to " + p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static void classifyConstructor(String owner, Object[] args, List<Path> reads, List<Path> writes) {
        boolean read = READING_CONSTRUCTORS.contains(owner)
                || (owner.equals("java/io/RandomAccessFile") && args.length > 1 && "r".equals(args[1]));
        List<Path> target = read ? reads : writes;
        target.addAll(paths(args));
        if (args.length > 0 && args[0] instanceof String fileName && STRING_IS_FILE_NAME.contains(owner)) {
            target.add(Path.of(fileName));
        }
    }

    private static void classifyNio(String name, Object[] args, List<Path> reads, List<Path> writes) {
        List<Path> paths = paths(args);
        if (NIO_READS.contains(name) || (NIO_BY_OPTIONS.contains(name) && !writesByOptions(args))) {
            reads.addAll(paths);
        } else if (name.equals("copy") && !paths.isEmpty() && args.length > 0 && args[0] instanceof Path) {
            reads.add(paths.get(0));
            writes.addAll(paths.subList(1, paths.size()));
        } else {
            writes.addAll(paths);
        }
    }

    /** Anything but READ and link options counts as writing (CREATE, APPEND, DELETE_ON_CLOSE, …). */
    private static boolean writesByOptions(Object[] args) {
        for (Object arg : args) {
            Collection<?> options = arg instanceof Object[] array ? List.of(array)
                    : arg instanceof Collection<?> c ? c : List.of();
            for (Object option : options) {
                if (option != StandardOpenOption.READ && !(option instanceof LinkOption)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasPath(Object[] args) {
        return !paths(args).isEmpty();
    }

    private static List<Path> paths(Object[] args) {
        List<Path> paths = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof Path p) {
                paths.add(p);
            } else if (arg instanceof File f) {
                paths.add(f.toPath());
            }
        }
        return paths;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
