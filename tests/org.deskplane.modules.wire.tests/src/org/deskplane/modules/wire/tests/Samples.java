package org.deskplane.modules.wire.tests;

import java.time.Instant;
import java.util.List;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;

/** Typical values of the records answers carry. */
final class Samples {
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Instant T = Instant.parse("2026-11-22T08:00:00.123Z");

    private Samples() {
    }

    static ModuleInfo module(String version) {
        return new ModuleInfo("org.example.scan", version, SHA, 12_345, "CN=Deskplane Test Signer, O=Deskplane",
                "ab".repeat(32), ModuleState.LOADED, "", T);
    }

    static QueryResult query() {
        return new QueryResult(ModuleStatus.OTHER_VERSIONS, List.of(), List.of(module("2.0.0"), module("1.0.0")));
    }

    static ModuleRequest request() {
        return new ModuleRequest(42, T, Requester.guest("6d1f7c9e-0000-4000-8000-000000000001", "win11-office", "alice"),
                Verb.LOAD, "org.example.scan/1.0.0", ModuleStatus.OK, "loaded ünïcödé", true);
    }
}
