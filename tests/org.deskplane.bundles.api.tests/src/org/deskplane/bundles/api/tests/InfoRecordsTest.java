package org.deskplane.bundles.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.FeatureInfo;
import org.junit.jupiter.api.Test;

/** The records are what the REST layer serializes: each component must come back as given. */
class InfoRecordsTest {

    @Test
    void bundleInfoHoldsWhatItIsGiven() {
        BundleInfo info = new BundleInfo(12, "org.example.a", "1.2.3.v1", "ACTIVE", "file:/tmp/a.jar", true,
                1_700_000_000_000L, "org.example.feature");
        assertEquals(12, info.id());
        assertEquals("org.example.a", info.symbolicName());
        assertEquals("1.2.3.v1", info.version());
        assertEquals("ACTIVE", info.state());
        assertEquals("file:/tmp/a.jar", info.location());
        assertTrue(info.fragment());
        assertEquals(1_700_000_000_000L, info.lastModified());
        assertEquals("org.example.feature", info.feature());
    }

    @Test
    void bundleInfosAreEqualByValue() {
        BundleInfo a = new BundleInfo(1, "x", "1.0.0", "RESOLVED", "loc", false, 5, "");
        assertEquals(a, new BundleInfo(1, "x", "1.0.0", "RESOLVED", "loc", false, 5, ""));
        assertNotEquals(a, new BundleInfo(1, "x", "1.0.0", "ACTIVE", "loc", false, 5, ""));
        assertFalse(a.fragment());
    }

    @Test
    void featureInfoHoldsWhatItIsGiven() {
        FeatureInfo info = new FeatureInfo("org.deskplane.diagnostics.feature", "0.1.0", "Diagnostics",
                "https://updates.example/site", List.of("org.deskplane.diagnostics"));
        assertEquals("org.deskplane.diagnostics.feature", info.id());
        assertEquals("0.1.0", info.version());
        assertEquals("Diagnostics", info.label());
        assertEquals("https://updates.example/site", info.source());
        assertEquals(List.of("org.deskplane.diagnostics"), info.bundles());
    }
}
