package org.deskplane.content.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.content.api.PolicyRuleSpec;
import org.junit.jupiter.api.Test;

class PolicyRuleSpecTest {

    @Test
    void leftOutFieldsGetTheirDefaults() {
        PolicyRuleSpec rule = new PolicyRuleSpec("allow-all", 10, "ALLOW", null, null, null, null, null, null, null,
                null, null, null, null);
        assertEquals(List.of(), rule.operations());
        assertEquals(List.of(), rule.users());
        assertEquals(List.of(), rule.roles());
        assertEquals(List.of(), rule.sources());
        assertEquals(List.of(), rule.paths());
        assertEquals(List.of(), rule.networks());
        assertEquals(List.of(), rule.formFactors());
        assertEquals(List.of(), rule.days());
        assertEquals("", rule.from());
        assertEquals("", rule.to());
        assertEquals("UTC", rule.zone());
    }

    @Test
    void aBlankZoneMeansUtc() {
        PolicyRuleSpec rule = new PolicyRuleSpec("r", 1, "DENY", null, null, null, null, null, null, null, null,
                "08:00", "18:00", " ");
        assertEquals("UTC", rule.zone());
        assertEquals("08:00", rule.from());
        assertEquals("18:00", rule.to());
    }

    @Test
    void givenValuesAreKept() {
        PolicyRuleSpec rule = new PolicyRuleSpec("office-hours", 5, "ALLOW", List.of("READ"), List.of("alice"),
                List.of("USER"), List.of("vm:*"), List.of("/home/**"), List.of("10.0.0.0/8"), List.of("desktop"),
                List.of("MONDAY"), "08:00", "18:00", "Europe/Berlin");
        assertEquals("office-hours", rule.name());
        assertEquals(5, rule.order());
        assertEquals("ALLOW", rule.effect());
        assertEquals(List.of("READ"), rule.operations());
        assertEquals(List.of("alice"), rule.users());
        assertEquals(List.of("USER"), rule.roles());
        assertEquals(List.of("vm:*"), rule.sources());
        assertEquals(List.of("/home/**"), rule.paths());
        assertEquals(List.of("10.0.0.0/8"), rule.networks());
        assertEquals(List.of("desktop"), rule.formFactors());
        assertEquals(List.of("MONDAY"), rule.days());
        assertEquals("Europe/Berlin", rule.zone());
    }

    @Test
    void listsAreCopiedAndImmutable() {
        List<String> users = new ArrayList<>(List.of("alice"));
        PolicyRuleSpec rule = new PolicyRuleSpec("r", 1, "ALLOW", null, users, null, null, null, null, null, null,
                null, null, null);
        users.add("mallory");
        assertEquals(List.of("alice"), rule.users());
        assertThrows(UnsupportedOperationException.class, () -> rule.users().add("mallory"));
        assertThrows(UnsupportedOperationException.class, () -> rule.operations().add("WRITE"));
    }
}
