package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A guest changes a whitelisted setting; anything else is refused and nothing changes. */
class ConfigurationChangeTest {

    @BeforeAll
    static void setUp() throws Exception {
        Modules.prepare();
    }

    @Test
    void aWhitelistedSettingIsAppliedThroughConfigurationAdmin() throws Exception {
        Requester guest = Modules.guest("vm-config");
        Modules.allow("config", "vm-config", Verb.CONFIGURE);
        ModuleRequest request = Modules.host().configure(guest, Modules.SETTING_PID, Modules.SETTING_KEY, "bonjour");
        assertEquals(ModuleStatus.OK, request.status());
        assertEquals("bonjour", setting(Modules.SETTING_KEY));

        ConfigurationAdmin admin = Modules.service(ConfigurationAdmin.class);
        Configuration configuration = admin.getConfiguration(Modules.SETTING_PID, "?");
        java.util.Dictionary<String, Object> properties = configuration.getProperties();
        properties.put("count", 3);
        configuration.update(properties);
        Modules.host().configure(guest, Modules.SETTING_PID, "count", "7");
        assertEquals(7, setting("count"), "a number stays a number");
        assertEquals(ModuleStatus.INVALID, assertThrows(ModuleException.class,
                () -> Modules.host().configure(guest, Modules.SETTING_PID, "count", "seven")).status());
        assertEquals(7, setting("count"));
    }

    @Test
    void aSettingNotOnTheWhitelistIsRefused() throws Exception {
        Requester guest = Modules.guest("vm-config");
        Modules.allow("config", "vm-config", Verb.CONFIGURE);
        ModuleException refused = assertThrows(ModuleException.class,
                () -> Modules.host().configure(guest, "org.deskplane.modules.host", "activationTimeoutSeconds", "1"));
        assertEquals(ModuleStatus.NOT_WHITELISTED, refused.status());
        Requester denied = Modules.guest("vm-config-denied");
        assertEquals(ModuleStatus.DENIED, assertThrows(ModuleException.class,
                () -> Modules.host().configure(denied, Modules.SETTING_PID, Modules.SETTING_KEY, "x")).status());
        assertEquals(3, setting("activationTimeoutSeconds", "org.deskplane.modules.host"));
    }

    private static Object setting(String key) throws Exception {
        return setting(key, Modules.SETTING_PID);
    }

    private static Object setting(String key, String pid) throws Exception {
        return Modules.service(ConfigurationAdmin.class).getConfiguration(pid, "?").getProperties().get(key);
    }
}
