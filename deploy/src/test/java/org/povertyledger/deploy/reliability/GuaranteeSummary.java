package org.povertyledger.deploy.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the guarantees table once the test plan has finished: one row per guarantee test that ran in this build.
 * The table also goes to {@code target/guarantees.txt}, which the build prints after the tests (their own output
 * is redirected to files). The rows of an earlier build are removed when the plan starts, so the table (and the
 * figures copied from it into docs/guarantees.md) only ever describe one run.
 */
public final class GuaranteeSummary implements TestExecutionListener {

    static final Path TABLE = Path.of("target", "guarantees.txt");

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        try {
            Files.deleteIfExists(GuaranteeLog.FILE);
            Files.deleteIfExists(TABLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the rows of an earlier run: " + GuaranteeLog.FILE, e);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!Files.exists(GuaranteeLog.FILE)) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(GuaranteeLog.FILE, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(List.of(line.split("\t", -1)));
                }
            }
            String table = GuaranteeTable.render(rows);
            System.out.println(table);
            Files.writeString(TABLE, table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
