package org.povertyledger.deploy.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures of the reliability suite: each guarantee test records one row (what it proved, under what load,
 * which faults it injected, and what was lost, duplicated and detected). Rows are printed at once and appended to
 * {@code target/guarantees.tsv}, so one summary table can be printed after the whole run and the README's
 * "Guarantees" figures can be copied from a single place.
 */
public final class GuaranteeLog {

    /** Where the rows of one build are collected (relative to the module being tested). */
    public static final Path FILE = Path.of("target", "guarantees.tsv");

    private GuaranteeLog() {
    }

    /**
     * Records one row.
     *
     * @param test       the guarantee, e.g. "crash under import"
     * @param load       the load it ran under, e.g. "100,000 rows"
     * @param faults     the faults injected, e.g. "6 SIGKILLs"
     * @param lost       acknowledged items lost (a guarantee holds only at 0)
     * @param duplicated items applied more than once (a guarantee holds only at 0)
     * @param detected   what was detected, e.g. "7/7", or "-" where detection is not the point
     */
    public static synchronized void record(String test, String load, String faults, long lost, long duplicated,
                                           String detected) {
        String row = String.join("\t", clean(test), clean(load), clean(faults), Long.toString(lost),
                Long.toString(duplicated), clean(detected));
        System.out.println("GUARANTEE\t" + row);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, row + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + FILE.toAbsolutePath(), e);
        }
    }

    private static String clean(String value) {
        return value == null ? "-" : value.replace('\t', ' ').replace('\n', ' ');
    }
}
