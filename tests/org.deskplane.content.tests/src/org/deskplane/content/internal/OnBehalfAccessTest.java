package org.deskplane.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.RequestContext;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator acting on behalf of bob, through the real CAL with real share catalogs and real policy rules
 * (configured as DS would, from their typed configurations). The backend is a small directory reader of this test:
 * what is tested is whose view the CAL serves, how it decides and what it audits.
 */
class OnBehalfAccessTest {

    @TempDir
    Path root;

    private final List<AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());
    private final List<PolicyRuleComponent> rules = new ArrayList<>();
    private ContentAccessComponent cal;
    private RequestContext admin;
    private RequestContext adminAsBob;

    @BeforeEach
    void setUp() throws Exception {
        for (String share : List.of("bobs", "alices", "team")) {
            Files.createDirectories(root.resolve(share));
            Files.writeString(root.resolve(share).resolve(share + ".txt"), "in " + share);
        }
        cal = new ContentAccessComponent();
        set("catalogs", List.of(
                share("bobs", Map.of("users", new String[] { "bob" }, "writable", true)),
                share("alices", Map.of("users", new String[] { "alice" })),
                share("team", Map.of("roles", new String[] { "USER" }, "writable", true))));
        // bob may not read the team share; bob may write his own (so a refusal below is the on-behalf rule's)
        rules.add(rule("bob-no-team", Map.of("order", 10, "effect", "DENY", "users", new String[] { "bob" },
                "sources", new String[] { "share:team" })));
        rules.add(rule("bob-writes-own", Map.of("order", 20, "effect", "ALLOW", "operations", new String[] { "WRITE" },
                "users", new String[] { "bob" }, "sources", new String[] { "share:bobs" })));
        set("rules", rules);
        set("audit", new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                audit.add(event);
            }

            @Override
            public List<AuditEvent> query(AuditQuery query) {
                return List.copyOf(audit);
            }
        });
        cal.addBackend(new DirectoryBackend(), Map.of(ContentSource.BACKEND_PROPERTY, "share"));
        admin = new RequestContext("root-admin", Role.ADMIN, InetAddress.getLoopbackAddress(), "desktop");
        adminAsBob = admin.onBehalfOf("bob", Role.USER);
    }

    @AfterEach
    void tearDown() {
        cal.stop();
    }

    @Test
    void anAdministratorAsBobSeesExactlyBobsSources() throws IOException {
        assertEquals(List.of("share:alices", "share:bobs", "share:team"), ids(cal.sources(admin)));
        RequestContext bob = new RequestContext("bob", Role.USER, InetAddress.getLoopbackAddress(), "desktop");
        assertEquals(ids(cal.sources(bob)), ids(cal.sources(adminAsBob)));
        assertEquals(List.of("share:bobs", "share:team"), ids(cal.sources(adminAsBob)));
        // alice's share is not bob's: as bob it is not found, even though the administrator could see it
        ContentException notBobs = assertThrows(ContentException.class, () -> cal.list(adminAsBob, "share:alices", "/"));
        assertEquals(Reason.NOT_FOUND, notBobs.reason());
        assertEquals(List.of("bobs.txt"), cal.list(adminAsBob, "share:bobs", "/").stream().map(ContentEntry::name).toList());
    }

    @Test
    void bobsDenyRulesApplyToTheAdministratorActingAsBob() throws IOException {
        assertEquals(1, cal.list(admin, "share:team", "/").size(), "the administrator's own view is not denied");
        ContentException denied = assertThrows(ContentException.class, () -> cal.list(adminAsBob, "share:team", "/"));
        assertEquals(Reason.DENIED, denied.reason());
        assertTrue(denied.getMessage().contains("bob-no-team"), denied.getMessage());
    }

    @Test
    void theAuditNamesTheAdministratorAndBob() throws IOException {
        cal.list(adminAsBob, "share:bobs", "/");
        assertThrows(ContentException.class, () -> cal.list(adminAsBob, "share:team", "/"));
        cal.sources(adminAsBob);

        AuditEvent listed = find("content.list", AuditEvent.Result.SUCCESS);
        assertEquals("root-admin", listed.actor());
        assertEquals("share:bobs:/", listed.target());
        assertTrue(listed.detail().startsWith("as bob"), listed.detail());
        AuditEvent denied = find("content.list", AuditEvent.Result.DENIED);
        assertEquals("root-admin", denied.actor());
        assertTrue(denied.detail().startsWith("as bob") && denied.detail().contains("bob-no-team"), denied.detail());
        AuditEvent sources = find("content.sources", AuditEvent.Result.SUCCESS);
        assertEquals("root-admin", sources.actor());
        assertEquals("as bob; 2 sources", sources.detail());
        // and nothing is recorded in bob's name: he did not do it
        assertFalse(audit.stream().anyMatch(e -> e.actor().equals("bob")));
    }

    @Test
    void onlyAnAdministratorMayActOnBehalf() {
        RequestContext operator = new RequestContext("carol", Role.OPERATOR, InetAddress.getLoopbackAddress(), "desktop");
        RequestContext carolAsBob = operator.onBehalfOf("bob", Role.USER);
        for (ThrowingCall call : List.<ThrowingCall>of(() -> cal.sources(carolAsBob),
                () -> cal.list(carolAsBob, "share:bobs", "/"), () -> cal.open(carolAsBob, "share:bobs", "/bobs.txt"),
                () -> cal.applications(carolAsBob))) {
            ContentException refused = assertThrows(ContentException.class, call::run);
            assertEquals(Reason.DENIED, refused.reason());
            assertTrue(refused.getMessage().contains("only an administrator"), refused.getMessage());
        }
        assertTrue(audit.stream().allMatch(e -> e.actor().equals("carol") && e.result() == AuditEvent.Result.DENIED),
                audit.toString());
        assertEquals(4, audit.size());
    }

    @Test
    void writingOnBehalfIsRefusedEvenWhereTheUserMayWrite() throws IOException {
        RequestContext bob = new RequestContext("bob", Role.USER, InetAddress.getLoopbackAddress(), "desktop");
        cal.write(bob, "share:bobs", "/by-bob.txt", new ByteArrayInputStream("bob's own".getBytes()));
        assertTrue(Files.exists(root.resolve("bobs/by-bob.txt")), "bob himself may write: the rule allows it");

        ContentException write = assertThrows(ContentException.class, () -> cal.write(adminAsBob, "share:bobs",
                "/by-admin.txt", new ByteArrayInputStream("not bob".getBytes())));
        assertEquals(Reason.DENIED, write.reason());
        assertTrue(write.getMessage().contains("writing on behalf of bob"), write.getMessage());
        assertFalse(Files.exists(root.resolve("bobs/by-admin.txt")));
        ContentException delete = assertThrows(ContentException.class,
                () -> cal.delete(adminAsBob, "share:bobs", "/by-bob.txt"));
        assertEquals(Reason.DENIED, delete.reason());
        assertTrue(Files.exists(root.resolve("bobs/by-bob.txt")));
        assertEquals("root-admin", find("content.write", AuditEvent.Result.DENIED).actor());
        assertEquals("root-admin", find("content.delete", AuditEvent.Result.DENIED).actor());
    }

    @Test
    void actingOnBehalfOfOneselfIsJustOnesOwnView() {
        assertEquals(admin, admin.onBehalfOf("root-admin", Role.ADMIN));
        assertThrows(IllegalStateException.class, () -> adminAsBob.onBehalfOf("alice", Role.USER));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        Object run() throws IOException;
    }

    private AuditEvent find(String action, AuditEvent.Result result) {
        return audit.stream().filter(e -> e.action().equals(action) && e.result() == result).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " " + result + " in " + audit));
    }

    private static List<String> ids(List<DataSource> sources) {
        return sources.stream().map(DataSource::id).sorted().toList();
    }

    private ShareCatalog share(String name, Map<String, Object> values) {
        Map<String, Object> all = new java.util.HashMap<>(values);
        all.put("name", name);
        all.put("root", root.resolve(name).toString());
        return new ShareCatalog(config(ShareCatalog.Config.class, all));
    }

    private static PolicyRuleComponent rule(String name, Map<String, Object> values) {
        Map<String, Object> all = new java.util.HashMap<>(values);
        all.put("name", name);
        return new PolicyRuleComponent(config(PolicyRuleComponent.Config.class, all));
    }

    /** A typed configuration as DS builds it: given values, else the annotation's defaults. */
    private static <C> C config(Class<C> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            Object value = values.get(method.getName());
            return value != null ? value : method.getDefaultValue();
        }));
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        // the DS-injected fields, filled as SCR would
        Field f = ContentAccessComponent.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(cal, value);
    }

    /** Serves a location's "root" directory (just enough of a share backend for this test). */
    private static final class DirectoryBackend implements ContentSource {
        @Override
        public ContentView open(org.deskplane.content.api.ContentLocation location) throws IOException {
            Path base = Path.of(location.require("root"));
            boolean writable = Boolean.parseBoolean(location.attributes().get("writable"));
            return new ContentView() {
                private Path at(String path) {
                    return base.resolve(path.substring(1));
                }

                private ContentEntry entry(String path) throws IOException {
                    Path file = at(path);
                    if (!Files.exists(file)) {
                        throw new NoSuchFileException(path);
                    }
                    boolean directory = Files.isDirectory(file);
                    return new ContentEntry(path.equals("/") ? "" : file.getFileName().toString(), path,
                            directory ? EntryType.DIRECTORY : EntryType.FILE, directory ? 0 : Files.size(file), null,
                            null, "e");
                }

                @Override
                public ContentEntry stat(String path) throws IOException {
                    return entry(path);
                }

                @Override
                public List<ContentEntry> list(String path) throws IOException {
                    List<ContentEntry> entries = new ArrayList<>();
                    try (Stream<Path> children = Files.list(at(path))) {
                        for (Path child : children.toList()) {
                            entries.add(entry((path.equals("/") ? "/" : path + "/") + child.getFileName()));
                        }
                    }
                    return entries;
                }

                @Override
                public ContentReader open(String path) throws IOException {
                    throw new UnsupportedOperationException("not needed here");
                }

                @Override
                public boolean writable() {
                    return writable;
                }

                @Override
                public ContentEntry write(String path, InputStream content) throws IOException {
                    Files.copy(content, at(path), StandardCopyOption.REPLACE_EXISTING);
                    return entry(path);
                }

                @Override
                public void delete(String path) throws IOException {
                    Files.delete(at(path));
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
