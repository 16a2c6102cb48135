package org.deskplane.rest.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Audited;
import org.deskplane.rest.api.Handler;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;

/** One audit record per request of a changing route: its target, result and words, and nothing swallowed. */
class AuditedTest {
    private final List<AuditEvent> log = new ArrayList<>();

    private FakeApiRequest request() {
        return new FakeApiRequest("POST", "/things").as("alice", Role.OPERATOR).from("192.0.2.7");
    }

    @Test
    void aSuccessNamesTheCreatedResourceOrThePath() throws Exception {
        ApiResult created = ApiResult.created(null).header("Location", "/api/things/42");
        Handler handler = Audited.of(log::add, "thing.create", "accepted", request -> created);
        assertSame(created, handler.handle(request()));
        ApiResult plain = ApiResult.noContent();
        assertSame(plain, Audited.of(log::add, "thing.touch", "", request -> plain).handle(request()));

        assertEquals(2, log.size());
        AuditEvent first = log.get(0);
        assertEquals("alice", first.actor());
        assertEquals("thing.create", first.action());
        assertEquals("/api/things/42", first.target());
        assertEquals(AuditEvent.Result.SUCCESS, first.result());
        assertEquals("accepted", first.detail());
        assertEquals("192.0.2.7", first.source());
        assertEquals("/things", log.get(1).target());
    }

    @Test
    void aForbiddenRequestIsDeniedAnyOtherProblemFailedAndBothAreRethrown() {
        ApiException forbidden = new ApiException(403, "Forbidden", "not yours");
        ApiException conflict = new ApiException(409, "Conflict", "already there");
        assertSame(forbidden, assertThrows(ApiException.class,
                () -> Audited.of(log::add, "thing.delete", "", request -> { throw forbidden; }).handle(request())));
        assertSame(conflict, assertThrows(ApiException.class,
                () -> Audited.of(log::add, "thing.create", "", request -> { throw conflict; }).handle(request())));

        assertEquals(AuditEvent.Result.DENIED, log.get(0).result());
        assertEquals("403 Forbidden: not yours", log.get(0).detail());
        assertEquals(AuditEvent.Result.FAILURE, log.get(1).result());
        assertEquals("409 Conflict: already there", log.get(1).detail());
        assertEquals("/things", log.get(1).target());
    }
}
