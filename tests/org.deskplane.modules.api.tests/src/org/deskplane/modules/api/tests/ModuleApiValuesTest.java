package org.deskplane.modules.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;
import org.junit.jupiter.api.Test;

/** The API's value types: the defaults callers rely on and the copies that keep them immutable. */
class ModuleApiValuesTest {

    @Test
    void aGuestRequesterIsKeyedByItsVmWhenNoImageIsNamed() {
        Requester guest = Requester.guest("vm-1", null, "alice");
        assertEquals("vm-1", guest.image(), "the image is the VM itself unless its metadata names one");
        assertEquals("channel:vm-1", guest.source());
        assertFalse(guest.admin());
        assertEquals("gold", Requester.guest("vm-1", "gold", "alice").image());
    }

    @Test
    void anAdministratorHasNoVmAndNullsBecomeEmpty() {
        Requester admin = Requester.administrator("root", null);
        assertTrue(admin.admin());
        assertEquals("", admin.vmId());
        assertEquals("", admin.image());
        assertEquals("local", admin.source());
        assertEquals("", new Requester(null, null, null, false, null).user());
    }

    @Test
    void aPolicyRuleTakesNullSetsAsEmptyAndCopiesWhatItIsGiven() {
        Set<String> vms = new HashSet<>(Set.of("vm-*"));
        PolicyRule rule = new PolicyRule("r", 1, vms, Set.of("*"), null, null, null, true);
        vms.add("another");
        assertEquals(Set.of("vm-*"), rule.vms(), "a later change of the caller's set does not reach the rule");
        assertEquals(Set.of(), rule.verbs());
        assertEquals(Set.of(), rule.modules());
        assertEquals(Set.of(), rule.signers());
        assertThrows(UnsupportedOperationException.class, () -> rule.images().add("x"));
        assertEquals(Set.of(Verb.LOAD), new PolicyRule("r", 1, Set.of("*"), Set.of("*"), Set.of(Verb.LOAD), Set.of(),
                Set.of(), false).verbs());
    }

    @Test
    void aModuleIsNamedByNameAndVersionAndOnlyOkIsOk() {
        ModuleInfo info = new ModuleInfo("org.example", "1.2.3", "ab", 10, "CN=x", "cd", ModuleState.LOADED, "",
                Instant.EPOCH);
        assertEquals("org.example/1.2.3", info.id());
        assertTrue(ModuleStatus.OK.ok());
        for (ModuleStatus status : ModuleStatus.values()) {
            assertEquals(status == ModuleStatus.OK, status.ok(), status.name());
        }
    }

    @Test
    void aQueryResultCannotBeChangedAfterwards() {
        List<ModuleInfo> matching = new java.util.ArrayList<>();
        QueryResult result = new QueryResult(ModuleStatus.NOT_FOUND, matching, List.of());
        matching.add(new ModuleInfo("x", "1.0.0", "", 0, "", "", ModuleState.STORED, "", Instant.EPOCH));
        assertTrue(result.matching().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> result.others().add(null));
    }
}
