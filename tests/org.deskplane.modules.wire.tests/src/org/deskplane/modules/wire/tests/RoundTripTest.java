package org.deskplane.modules.wire.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.wire.ConfigureMessage;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleRef;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.QueryMessage;
import org.deskplane.modules.wire.StatusMessage;
import org.deskplane.modules.wire.UploadHeader;
import org.junit.jupiter.api.Test;

/** Every message decodes to what was encoded. */
class RoundTripTest {

    @Test
    void requests() throws Exception {
        QueryMessage q = new QueryMessage("org.example.scan", "[1.0,2.0)");
        assertEquals(q, QueryMessage.read(q.toBytes()));
        assertEquals(new QueryMessage("a", ""), QueryMessage.read(new QueryMessage("a", "").toBytes()));
        ModuleRef r = new ModuleRef("org.example.scan", "1.2.3.v20261122");
        assertEquals(r, ModuleRef.read(r.toBytes()));
        ConfigureMessage c = new ConfigureMessage("org.example.scan", "scan.depth", "deep – ünïcödé");
        assertEquals(c, ConfigureMessage.read(c.toBytes()));
        assertEquals(new StatusMessage(Long.MAX_VALUE), StatusMessage.read(new StatusMessage(Long.MAX_VALUE).toBytes()));
        UploadHeader h = new UploadHeader(ModuleWire.MAX_UPLOAD, Samples.SHA);
        assertEquals(h, UploadHeader.read(h.toBytes()));
    }

    @Test
    void uploadHeaderFramedOnAStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UploadHeader(77, Samples.SHA.toUpperCase()).writeTo(out);
        UploadHeader read = UploadHeader.readFrom(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(77, read.size());
        assertEquals(Samples.SHA, read.sha256(), "hex is read case-insensitively and kept lower-case");
    }

    @Test
    void answersWithEveryPayload() throws Exception {
        ModuleAnswer stored = ModuleAnswer.of(Samples.module("1.0.0"));
        assertEquals(stored, ModuleAnswer.read(stored.toBytes()));
        assertTrue(stored.ok());

        ModuleAnswer query = ModuleAnswer.of(Samples.query());
        ModuleAnswer q2 = ModuleAnswer.read(query.toBytes());
        assertEquals(query, q2);
        assertEquals(ModuleStatus.OTHER_VERSIONS, q2.moduleStatus());
        assertEquals("2.0.0", q2.query().others().get(0).version());

        ModuleAnswer request = ModuleAnswer.of(Samples.request());
        ModuleAnswer r2 = ModuleAnswer.read(request.toBytes());
        assertEquals(request, r2);
        assertEquals("alice", r2.request().requester().user());
        assertTrue(r2.request().restartRequired());

        ModuleAnswer denied = ModuleAnswer.of(new ModuleException(ModuleStatus.UNTRUSTED_SIGNER, "signer not trusted"));
        ModuleAnswer d2 = ModuleAnswer.read(denied.toBytes());
        assertEquals(ModuleStatus.UNTRUSTED_SIGNER, d2.moduleStatus());
        assertEquals("signer not trusted", d2.message());
        assertNull(d2.module());
        assertFalse(d2.ok());
    }

    @Test
    void wireOnlyAndUnknownStatusesKeepTheirNameAndCountAsFailed() throws Exception {
        ModuleAnswer a = ModuleAnswer.read(ModuleAnswer.of(ModuleWire.UNAVAILABLE, "no module host").toBytes());
        assertEquals(ModuleWire.UNAVAILABLE, a.status());
        assertEquals(ModuleStatus.FAILED, a.moduleStatus());
        ModuleAnswer newer = ModuleAnswer.read(ModuleAnswer.of("SOMETHING_NEWER", "").toBytes());
        assertEquals("SOMETHING_NEWER", newer.status());
    }

    @Test
    void moduleWithoutStoreTimeAndEmptyFields() throws Exception {
        ModuleInfo bare = new ModuleInfo("m", "0.0.1", "", 0, "", "", ModuleState.QUARANTINED, "hung in start", null);
        ModuleAnswer a = new ModuleAnswer("OK", "", bare, null, null);
        assertEquals(a, ModuleAnswer.read(a.toBytes()));
    }

    @Test
    void aHugeQueryAnswerIsCutToFitNewestFirst() throws Exception {
        java.util.List<ModuleInfo> many = new java.util.ArrayList<>();
        for (int i = 999; i >= 0; i--) {
            many.add(new ModuleInfo("org.example.m", "1.0." + i, Samples.SHA, 1, "x".repeat(300), "ab".repeat(32),
                    ModuleState.STORED, "", Samples.T));
        }
        ModuleAnswer big = ModuleAnswer.of(new org.deskplane.modules.api.QueryResult(ModuleStatus.OK, many, many));
        byte[] bytes = big.toBoundedBytes();
        assertTrue(bytes.length <= ModuleWire.MAX_ANSWER, bytes.length + " bytes");
        ModuleAnswer read = ModuleAnswer.read(bytes);
        assertEquals(ModuleStatus.OK, read.moduleStatus());
        assertFalse(read.query().matching().isEmpty());
        assertTrue(read.query().matching().size() <= ModuleWire.MAX_ANSWER_MODULES);
        assertEquals("1.0.999", read.query().matching().get(0).version(), "the newest version is kept");
    }

    @Test
    void longMessagesAreCutNotRefused() throws Exception {
        ModuleAnswer a = ModuleAnswer.of(ModuleStatus.ACTIVATION_FAILED, "é".repeat(10_000));
        ModuleAnswer read = ModuleAnswer.read(a.toBytes());
        assertTrue(read.message().length() < 10_000 && read.message().endsWith("…"));
        assertEquals(ModuleStatus.ACTIVATION_FAILED, read.moduleStatus());
    }
}
