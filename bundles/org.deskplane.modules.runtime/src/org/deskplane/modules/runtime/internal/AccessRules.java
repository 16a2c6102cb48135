package org.deskplane.modules.runtime.internal;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Set;

import org.osgi.framework.Bundle;

/** The decision for one guarded call: null when allowed, else a short description of what was refused. */
final class AccessRules {

    /** Service names a module may not register: framework hooks and URL handlers act on everybody. */
    private static final Set<String> FORBIDDEN_SERVICE_PREFIXES = Set.of("org.osgi.framework.hooks.",
            "org.eclipse.osgi.", "org.osgi.service.url.", "org.osgi.service.cm.ConfigurationPlugin",
            "org.eclipse.equinox.region.");

    private AccessRules() {
    }

    static String decide(Class<?> caller, Bundle bundle, ModulePolicy policy, String owner, String name,
            Object[] args) {
        switch (owner) {
            case "java/lang/System", "java/lang/Runtime" -> {
                if (name.equals("exec")) {
                    return policy.execAllowed() ? null : "Runtime.exec";
                }
                return simpleName(owner) + "." + name;
            }
            case "java/lang/ProcessBuilder" -> {
                return policy.execAllowed() ? null : "ProcessBuilder." + name;
            }
            case "sun/misc/Unsafe", "jdk/internal/misc/Unsafe" -> {
                return "Unsafe." + name;
            }
            case "java/lang/reflect/Method", "java/lang/reflect/Constructor", "java/lang/reflect/Field",
                    "java/lang/reflect/Executable", "java/lang/reflect/AccessibleObject" -> {
                return reflection(caller, name, args);
            }
            case "java/lang/invoke/MethodHandles", "java/lang/invoke/MethodHandles$Lookup" -> {
                return methodHandles(caller, name, args);
            }
            case "org/osgi/framework/BundleContext" -> {
                return name.equals("installBundle") ? "BundleContext.installBundle" : registration(args);
            }
            case "java/net/URL" -> {
                return args.length > 0 && args[0] instanceof URL url ? urlAccess(policy, url) : null;
            }
            case "org/osgi/framework/Bundle" -> {
                Object target = args.length > 0 ? args[0] : null;
                return target instanceof Bundle other && GuardPolicies.isModule(other) ? null
                        : "Bundle." + name + " on a bundle outside the module region";
            }
            default -> {
                return FileAccess.check(policy, owner, name, args);
            }
        }
    }

    /** file: URLs are file reads; jar: URLs could name any archive, so only its own bundle's are allowed. */
    private static String urlAccess(ModulePolicy policy, URL url) {
        String protocol = url.getProtocol().toLowerCase(java.util.Locale.ROOT);
        if (protocol.equals("file")) {
            try {
                return FileAccess.check(policy, "java/nio/file/Files", "newInputStream",
                        new Object[] {Path.of(url.toURI())});
            } catch (URISyntaxException | IllegalArgumentException e) {
                return "file URL " + url;
            }
        }
        return protocol.equals("jar") ? "jar URL " + url : null;
    }

    private static String reflection(Class<?> caller, String name, Object[] args) {
        Object target = args.length > 0 ? args[0] : null;
        if (name.equals("invoke") && target instanceof Method m
                && GuardedCallSites.isGuarded(m.getDeclaringClass(), m.getName())) {
            return "reflective call of " + m.getDeclaringClass().getName() + "." + m.getName();
        }
        if (name.equals("newInstance") && target instanceof Constructor<?> c
                && GuardedCallSites.isGuardedConstructor(c.getDeclaringClass())) {
            return "reflective construction of " + c.getDeclaringClass().getName();
        }
        if (name.equals("setAccessible") || name.equals("trySetAccessible")) {
            Object[] objects = target instanceof AccessibleObject[] array ? array : new Object[] {target};
            for (Object o : objects) {
                if (o instanceof Member m && !ownClass(caller, m.getDeclaringClass())) {
                    return "setAccessible on " + m.getDeclaringClass().getName() + "." + m.getName();
                }
            }
        }
        return null;
    }

    private static String methodHandles(Class<?> caller, String name, Object[] args) {
        if (name.equals("privateLookupIn")) {
            return args.length > 0 && args[0] instanceof Class<?> c && ownClass(caller, c) ? null
                    : "MethodHandles.privateLookupIn outside the module";
        }
        // args[0] is the Lookup receiver
        Object first = args.length > 1 ? args[1] : null;
        if (name.equals("findConstructor") || name.equals("unreflectConstructor")) {
            Class<?> type = first instanceof Class<?> c ? c : first instanceof Constructor<?> k ? k.getDeclaringClass()
                    : null;
            return type != null && GuardedCallSites.isGuardedConstructor(type)
                    ? "method handle for constructor of " + type.getName() : null;
        }
        if (first instanceof Method m) {
            return GuardedCallSites.isGuarded(m.getDeclaringClass(), m.getName())
                    ? "method handle for " + m.getDeclaringClass().getName() + "." + m.getName() : null;
        }
        if (first instanceof Class<?> c && args.length > 2 && args[2] instanceof String method) {
            return GuardedCallSites.isGuarded(c, method) ? "method handle for " + c.getName() + "." + method : null;
        }
        return null;
    }

    private static String registration(Object[] args) {
        Object names = args.length > 1 ? args[1] : null;
        Object[] all = names instanceof Object[] array ? array : new Object[] {names};
        for (Object n : all) {
            String service = n instanceof Class<?> c ? c.getName() : String.valueOf(n);
            for (String prefix : FORBIDDEN_SERVICE_PREFIXES) {
                if (service.startsWith(prefix)) {
                    return "registering a " + service + " service";
                }
            }
        }
        return null;
    }

    /** Same class loader as the caller: the module's own class. */
    private static boolean ownClass(Class<?> caller, Class<?> type) {
        return type.getClassLoader() == caller.getClassLoader();
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
