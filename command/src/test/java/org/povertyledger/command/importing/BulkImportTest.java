package org.povertyledger.command.importing;

import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.importing.command.RecordImportCommand;
import org.povertyledger.shared.importing.event.ImportRecordedEvent;
import org.povertyledger.shared.importing.value.ImportCounts;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.povertyledger.shared.importing.value.ImportId;
import org.povertyledger.shared.importing.value.ImportSource;

class BulkImportTest {

    private static final ImportId ID = new ImportId("imp-1");
    private static final String SHA = "a".repeat(64);
    private static final Instant START = Instant.parse("2024-12-20T08:00:00Z");
    private static final Instant END = Instant.parse("2024-12-20T08:01:00Z");
    private static final ImportCounts COUNTS = new ImportCounts(20, 15, 5, 0);

    private AggregateTestFixture<BulkImport> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BulkImport.class);
    }

    private static RecordImportCommand record() {
        return new RecordImportCommand(ID, ImportSource.HTTP, ImportFormat.XLSX, "xa-bong-krang.xlsx", SHA, 2024,
                COUNTS, START, END);
    }

    private static ImportRecordedEvent recorded() {
        return new ImportRecordedEvent(ID, ImportSource.HTTP, ImportFormat.XLSX, "xa-bong-krang.xlsx", SHA, 2024,
                COUNTS, START, END);
    }

    @Test
    void recordsAnImportWithItsFileDigestAndCounts() {
        fixture.givenNoPriorActivity().when(record()).expectEvents(recorded());
    }

    @Test
    void refusesToRecordTheSameImportTwice() {
        fixture.given(recorded()).when(record())
                .expectException(new TypeSafeMatcher<DomainException>() {
                    @Override
                    protected boolean matchesSafely(DomainException e) {
                        return e.code() == ErrorCode.IMPORT_ALREADY_RECORDED && "record-once".equals(e.rule());
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("IMPORT_ALREADY_RECORDED refusal");
                    }
                })
                .expectExceptionMessage("import imp-1 is already recorded")
                .expectNoEvents();
    }
}
