package org.deskplane.security.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;

/** ADMIN ⊇ OPERATOR ⊇ USER: the dispatcher's role check rests on this order. */
class RoleTest {

    @Test
    void everyRoleIncludesItself() {
        for (Role role : Role.values()) {
            assertTrue(role.includes(role), role.name());
        }
    }

    @Test
    void strongerRolesIncludeWeakerOnes() {
        assertTrue(Role.ADMIN.includes(Role.OPERATOR));
        assertTrue(Role.ADMIN.includes(Role.USER));
        assertTrue(Role.OPERATOR.includes(Role.USER));
    }

    @Test
    void weakerRolesDoNotIncludeStrongerOnes() {
        assertFalse(Role.OPERATOR.includes(Role.ADMIN));
        assertFalse(Role.USER.includes(Role.OPERATOR));
        assertFalse(Role.USER.includes(Role.ADMIN));
    }

    @Test
    void thereAreExactlyThreeRoles() {
        // a new role must be placed in the order on purpose; this test makes adding one a visible decision
        assertEquals(3, Role.values().length);
    }
}
