package org.deskplane.layers.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.PathMapping;
import org.deskplane.layers.api.Scope;
import org.junit.jupiter.api.Test;

/** Scope, driver set, path mappings and cache mode chosen by the binding rules. */
class BindingRulesTest {

    private static final Map<String, String> THINKPAD = Map.of("dmi.sys_vendor", "LENOVO", "dmi.product_name", "ThinkPad T14");
    private static final Map<String, String> Q35 = Map.of("dmi.sys_vendor", "QEMU", "dmi.product_name",
            "Standard PC (Q35 + ICH9, 2009)");
    private static final ReferenceOs DEBIAN_LAPTOP = new ReferenceOs("laptop", "linux", "debian-13", false);

    private final BindingRules rules = new BindingRules(Settings.small());

    private static EndpointInfo endpoint(String id, String family, String release, Map<String, String> hardware, long free) {
        return new EndpointInfo(id, "cvd-1", family, release, hardware, free);
    }

    @Test
    void theFirstEndpointIsTheReferenceAndClonesEverythingWithItsDrivers() {
        Binding binding = rules.bind(endpoint("laptop", "linux", "debian-13", THINKPAD, 0), null, 0);
        assertEquals(Scope.FULL, binding.scope());
        assertEquals("drivers/lenovo-thinkpad", binding.driverSet());
        assertEquals("reference-endpoint+thinkpad", binding.rule());
        assertTrue(binding.layers().contains(Layer.DRIVERS));
        assertFalse(binding.layers().contains(Layer.MACHINE_IDENTITY), "machine identity is never cloned");
    }

    @Test
    void samePhysicalOsIsFullAndTheFirstMatchingDriverRuleWins() {
        Binding binding = rules.bind(endpoint("desk", "Linux", "Debian-13", THINKPAD, 0), DEBIAN_LAPTOP, 0);
        assertEquals(Scope.FULL, binding.scope());
        assertEquals("same-os+thinkpad", binding.rule());
        assertEquals(List.of(), binding.pathMappings());
    }

    @Test
    void aVmOfTheSameOsIsRebasedAndKeepsItsOwnDrivers() {
        Binding binding = rules.bind(endpoint("vm", "linux", "debian-13", Q35, 0), DEBIAN_LAPTOP, 0);
        assertEquals(Scope.REBASE, binding.scope());
        assertEquals("virtual-vs-physical", binding.rule());
        assertEquals("", binding.driverSet());
        assertEquals(Set.of(Layer.APPLICATIONS, Layer.PROFILE, Layer.USER_FILES), binding.layers());
    }

    @Test
    void aVmOfAVmReferenceIsFullWithTheQ35DriversNotTheGenericOnes() {
        ReferenceOs vmReference = new ReferenceOs("vm-0", "linux", "debian-13", true);
        Binding binding = rules.bind(endpoint("vm", "linux", "debian-13", Q35, 0), vmReference, 0);
        assertEquals(Scope.FULL, binding.scope());
        assertEquals("drivers/qemu-q35", binding.driverSet());
        assertEquals("same-os+qemu-q35", binding.rule());
    }

    @Test
    void anotherReleaseOfTheSameFamilyIsRebased() {
        Binding binding = rules.bind(endpoint("old", "linux", "debian-12", THINKPAD, 0), DEBIAN_LAPTOP, 0);
        assertEquals(Scope.REBASE, binding.scope());
        assertEquals("other-os-release", binding.rule());
    }

    @Test
    void anotherFamilyGetsUserFilesOnlyWithFolderMappings() {
        Binding mac = rules.bind(endpoint("mac", "macos", "15", Map.of(), 0), DEBIAN_LAPTOP, 0);
        assertEquals(Scope.USER_ONLY, mac.scope());
        assertEquals(Set.of(Layer.USER_FILES), mac.layers());
        assertEquals("other-os-family", mac.rule());
        assertTrue(mac.pathMappings().contains(new PathMapping("Videos/", "Movies/")), mac.pathMappings().toString());
        Binding windows = rules.bind(endpoint("win", "windows", "11", Map.of(), 0), DEBIAN_LAPTOP, 0);
        assertTrue(windows.pathMappings().contains(new PathMapping("Templates/", "AppData/Roaming/Microsoft/Windows/Templates/")),
                windows.pathMappings().toString());
        assertFalse(windows.pathMappings().stream().anyMatch(m -> m.cvdPrefix().equals("Documents/")),
                "folders with the same name need no mapping");
    }

    @Test
    void pciWildcardRulesMatchAnyDevice() {
        Map<String, String> hardware = Map.of("dmi.sys_vendor", "Dell Inc.", "dmi.product_name", "Precision",
                "pci.0000:00:02.0", "8086:9a49", "pci.0000:01:00.0", "10de:1f95");
        Binding binding = rules.bind(endpoint("dell", "linux", "debian-13", hardware, 0), DEBIAN_LAPTOP, 0);
        assertEquals("drivers/nvidia", binding.driverSet());
        assertEquals("same-os+nvidia", binding.rule());
    }

    @Test
    void noMatchingDriverRuleLeavesTheDriverLayerOut() {
        Binding binding = rules.bind(endpoint("hp", "linux", "debian-13", Map.of("dmi.sys_vendor", "HP"), 0), DEBIAN_LAPTOP, 0);
        assertEquals(Scope.FULL, binding.scope());
        assertEquals("", binding.driverSet());
        assertFalse(binding.layers().contains(Layer.DRIVERS));
    }

    @Test
    void anEndpointShortOnDiskUsesCacheMode() {
        assertTrue(rules.bind(endpoint("small", "linux", "debian-13", THINKPAD, 1_000), DEBIAN_LAPTOP, 5_000).cacheMode());
        assertFalse(rules.bind(endpoint("big", "linux", "debian-13", THINKPAD, 10_000), DEBIAN_LAPTOP, 5_000).cacheMode());
    }

    @Test
    void malformedDriverRulesAreRefusedWithTheirName() {
        assertThrows(IllegalArgumentException.class, () -> DriverRule.parse("no arrow here"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DriverRule.parse("broken: dmi.product_name ~ ([ -> drivers/x"));
        assertTrue(bad.getMessage().contains("broken"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DriverRule.parse("nocond: dmi.product_name -> drivers/x"));
    }
}
