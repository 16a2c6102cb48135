package org.deskplane.security.internal;

import java.util.List;

/**
 * The result of checking the audit log's hash chain.
 *
 * @param records          readable records
 * @param unreadableLines  line numbers (at most the first 100) that are not complete records: a write torn by
 *                         a crash, or garbage. Skipped by readers.
 * @param firstBrokenLine  the first line whose hash or link to its predecessor does not match (a line was
 *                         changed, removed or inserted), or -1 when the chain is intact
 * @param lastHash         the hash the next record must link to
 */
record ChainCheck(long records, List<Long> unreadableLines, long firstBrokenLine, String lastHash) {

    boolean intact() {
        return firstBrokenLine < 0;
    }
}
