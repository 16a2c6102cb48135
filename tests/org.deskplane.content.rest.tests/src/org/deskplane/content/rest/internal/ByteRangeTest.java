package org.deskplane.content.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The Range header of a download, resolved against the file's size (RFC 9110 byte ranges). */
class ByteRangeTest {

    /** A header, the size it is resolved against, and the range expected (null: the whole file is sent). */
    private record Satisfiable(String header, long size, ByteRange expected) {
    }

    @TestFactory
    Stream<DynamicTest> satisfiableRangesAndIgnoredHeaders() {
        return Stream.of(
                new Satisfiable("bytes=0-0", 100, new ByteRange(0, 0)),
                new Satisfiable("bytes=0-99", 100, new ByteRange(0, 99)),
                new Satisfiable("bytes=10-19", 100, new ByteRange(10, 19)),
                new Satisfiable("bytes=5-", 100, new ByteRange(5, 99)),
                new Satisfiable("bytes=-10", 100, new ByteRange(90, 99)),
                // a suffix longer than the file is the whole file
                new Satisfiable("bytes=-500", 100, new ByteRange(0, 99)),
                // a last position beyond the end is clamped to the last byte
                new Satisfiable("bytes=50-1000", 100, new ByteRange(50, 99)),
                new Satisfiable("bytes=99-", 100, new ByteRange(99, 99)),
                // several ranges: the whole file, which RFC 9110 allows
                new Satisfiable("bytes=0-1,5-6", 100, null),
                new Satisfiable(null, 100, null),
                new Satisfiable("", 100, null),
                new Satisfiable("items=0-1", 100, null),
                new Satisfiable("bytes=", 100, null),
                new Satisfiable("bytes=abc", 100, null),
                new Satisfiable("bytes=--1", 100, null),
                new Satisfiable("bytes=+1-2", 100, null),
                new Satisfiable("bytes=a-b", 100, null),
                new Satisfiable("bytes=1-x", 100, null))
                .map(row -> DynamicTest.dynamicTest(row.header() + " of " + row.size() + " bytes",
                        () -> assertEquals(Optional.ofNullable(row.expected()), ByteRange.parse(row.header(), row.size()))));
    }

    @TestFactory
    Stream<DynamicTest> unsatisfiableRangesAre416() {
        record Unsatisfiable(String header, long size) {
        }
        return Stream.of(
                new Unsatisfiable("bytes=-0", 100),
                new Unsatisfiable("bytes=100-", 100),
                new Unsatisfiable("bytes=100-200", 100),
                new Unsatisfiable("bytes=500-600", 100),
                new Unsatisfiable("bytes=20-10", 100),
                // nothing of an empty file can be asked for
                new Unsatisfiable("bytes=0-0", 0),
                new Unsatisfiable("bytes=0-", 0),
                new Unsatisfiable("bytes=-1", 0))
                .map(row -> DynamicTest.dynamicTest(row.header() + " of " + row.size() + " bytes",
                        () -> assertThrows(IllegalArgumentException.class, () -> ByteRange.parse(row.header(), row.size()))));
    }

    @TestFactory
    Stream<DynamicTest> lengthCountsBothEnds() {
        return Stream.of(new long[] { 0, 0, 1 }, new long[] { 10, 19, 10 }, new long[] { 0, 99, 100 })
                .map(row -> DynamicTest.dynamicTest(row[0] + "-" + row[1],
                        () -> assertEquals(row[2], new ByteRange(row[0], row[1]).length())));
    }
}
