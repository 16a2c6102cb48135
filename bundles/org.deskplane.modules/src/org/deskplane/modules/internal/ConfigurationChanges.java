package org.deskplane.modules.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Changes one configuration property for a guest, only when "pid/key" is on the administrator's whitelist. The
 * value keeps the type the property already has (a number stays a number).
 */
final class ConfigurationChanges {

    private final Map<String, String> whitelist;

    ConfigurationChanges(String[] entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split("=", 2);
            String setting = parts[0].trim();
            if (!setting.isEmpty() && setting.contains("/")) {
                map.put(setting, parts.length > 1 ? parts[1].trim() : "");
            }
        }
        whitelist = Map.copyOf(map);
    }

    Map<String, String> whitelist() {
        return whitelist;
    }

    void apply(ConfigurationAdmin admin, String pid, String key, String value) {
        if (!whitelist.containsKey(pid + "/" + key)) {
            throw new ModuleException(ModuleStatus.NOT_WHITELISTED,
                    "the setting " + pid + "/" + key + " is not one guests may change");
        }
        if (admin == null) {
            throw new ModuleException(ModuleStatus.FAILED, "ConfigurationAdmin is not running");
        }
        try {
            Configuration configuration = admin.getConfiguration(pid, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            properties.put(key, typed(properties.get(key), value));
            configuration.update(properties);
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.FAILED, "cannot update " + pid + ": " + e.getMessage(), e);
        }
    }

    private static Object typed(Object current, String value) {
        try {
            if (current instanceof Integer) {
                return Integer.valueOf(value.trim());
            }
            if (current instanceof Long) {
                return Long.valueOf(value.trim());
            }
            if (current instanceof Boolean) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.valueOf(value.trim());
            }
        } catch (NumberFormatException e) {
            throw new ModuleException(ModuleStatus.INVALID, "'" + value + "' is not a valid "
                    + current.getClass().getSimpleName() + " for this setting");
        }
        return value;
    }
}
