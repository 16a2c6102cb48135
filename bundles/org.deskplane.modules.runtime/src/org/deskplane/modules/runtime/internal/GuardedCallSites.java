package org.deskplane.modules.runtime.internal;

import java.util.Map;
import java.util.Set;

/**
 * Which call sites in module code get a guard check woven in front of them, by internal owner name and method
 * name (any descriptor). One table serves the weaver and the reflection checks, so a guarded method cannot be
 * reached reflectively either.
 */
public final class GuardedCallSites {

    /** Any method of these owners is guarded. */
    private static final Set<String> ALL_METHODS = Set.of(
            "java/nio/file/Files",
            "java/nio/file/spi/FileSystemProvider",
            "sun/misc/Unsafe",
            "jdk/internal/misc/Unsafe");

    /** Constructors of these classes open files (by File, Path or — for some — a file name). */
    static final Set<String> FILE_CONSTRUCTORS = Set.of(
            "java/io/FileInputStream", "java/io/FileOutputStream", "java/io/RandomAccessFile",
            "java/io/FileReader", "java/io/FileWriter", "java/io/PrintWriter", "java/io/PrintStream",
            "java/util/Formatter", "java/util/Scanner", "java/util/zip/ZipFile", "java/util/jar/JarFile");

    private static final Set<String> SET_ACCESSIBLE = Set.of("setAccessible", "trySetAccessible");

    private static final Map<String, Set<String>> METHODS = Map.ofEntries(
            Map.entry("java/lang/System", Set.of("exit", "load", "loadLibrary", "setProperty", "clearProperty",
                    "setProperties", "setIn", "setOut", "setErr", "setSecurityManager")),
            Map.entry("java/lang/Runtime", Set.of("exit", "halt", "exec", "load", "loadLibrary")),
            Map.entry("java/lang/ProcessBuilder", Set.of("start", "startPipeline")),
            Map.entry("java/lang/reflect/Method", Set.of("invoke", "setAccessible", "trySetAccessible")),
            Map.entry("java/lang/reflect/Constructor", Set.of("newInstance", "setAccessible", "trySetAccessible")),
            Map.entry("java/lang/reflect/Field", SET_ACCESSIBLE),
            Map.entry("java/lang/reflect/Executable", SET_ACCESSIBLE),
            Map.entry("java/lang/reflect/AccessibleObject", SET_ACCESSIBLE),
            Map.entry("java/lang/invoke/MethodHandles", Set.of("privateLookupIn")),
            Map.entry("java/lang/invoke/MethodHandles$Lookup", Set.of("findStatic", "findVirtual", "findSpecial",
                    "findConstructor", "unreflect", "unreflectSpecial", "unreflectConstructor")),
            Map.entry("java/io/File", FileAccess.FILE_METHODS),
            Map.entry("java/nio/channels/FileChannel", Set.of("open")),
            Map.entry("java/nio/channels/AsynchronousFileChannel", Set.of("open")),
            Map.entry("java/nio/file/FileSystems", Set.of("newFileSystem")),
            Map.entry("java/net/URL", Set.of("openStream", "openConnection", "getContent")),
            Map.entry("org/osgi/framework/BundleContext", Set.of("installBundle", "registerService")),
            Map.entry("org/osgi/framework/Bundle", Set.of("start", "stop", "update", "uninstall",
                    "getBundleContext", "adapt", "loadClass")));

    private GuardedCallSites() {
    }

    public static boolean isGuarded(String owner, String name) {
        if (name.equals("<init>")) {
            return FILE_CONSTRUCTORS.contains(owner);
        }
        if (ALL_METHODS.contains(owner)) {
            return !(owner.equals("java/nio/file/spi/FileSystemProvider")
                    && (name.equals("installedProviders") || name.equals("getScheme")));
        }
        Set<String> names = METHODS.get(owner);
        return names != null && names.contains(name);
    }

    /** Guarded as a constructor (for reflective {@code Constructor.newInstance} / {@code findConstructor}). */
    public static boolean isGuardedConstructor(Class<?> type) {
        return FILE_CONSTRUCTORS.contains(internalName(type));
    }

    public static boolean isGuarded(Class<?> owner, String name) {
        // a guarded owner's subtype inherits the guarded method (e.g. a FileSystemProvider or Bundle implementation)
        if (owner == null) {
            return false;
        }
        if (isGuarded(internalName(owner), name)) {
            return true;
        }
        for (Class<?> type : owner.getInterfaces()) {
            if (isGuarded(type, name)) {
                return true;
            }
        }
        return isGuarded(owner.getSuperclass(), name);
    }

    static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
