package org.povertyledger.deploy.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.importing.Column;
import org.povertyledger.command.importing.ReviewFileWriter;

/** The jar's {@code import} command on a store of its own: dry run, import, repeat; exit status and report. */
class ImportCommandLineTest {

    @TempDir
    Path dir;

    private Path reviewFile() throws Exception {
        Path file = dir.resolve("xa-nam-ka-2024.csv");
        try (ReviewFileWriter writer = ReviewFileWriter.csv(file)) {
            writer.row(Arrays.stream(Column.values()).map(Column::vietnamese).toList());
            writer.row(Arrays.asList("NK-1", "24628", "Buôn Rbin", "Nông thôn", "Y Thơ Niê", "Ê Đê", "Có", 5, 2024,
                    "Định kỳ", "15/10/2024", "900.000", "Nông lâm ngư diêm nghiệp",
                    "Bảo hiểm y tế; Nguồn nước sinh hoạt; Chất lượng nhà ở", "QD-140/2024/UBND", "14/12/2024"));
            writer.row(Arrays.asList("NK-2", "24628", "Buôn Rbin", "Nông thôn", "H' Mai Mlô", "Ê Đê", "Có", "năm",
                    2024, "Định kỳ", "15/10/2024", "2.600.000", "Khác", "", "QD-140/2024/UBND", "14/12/2024"));
            writer.row(Arrays.asList("NK-3", "24628", "Thôn Nam Ka", "Nông thôn", "Trần Văn Nam", "Kinh", "Không", 4,
                    2024, "Định kỳ", "16/10/2024", "3.100.000", "Khác", "", "QD-140/2024/UBND", "14/12/2024"));
        }
        return file;
    }

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--povertyledger.data-dir=" + dir.resolve("data");
        all[args.length + 1] = "--povertyledger.mongodb.uri=";
        int status = ImportCommandLine.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importsAFileShowingProgressListingRejectedRowsAndWritingNothingTwice() throws Exception {
        Path file = reviewFile();
        Path report = dir.resolve("report.json");

        Run dry = run("--file", file.toString(), "--year", "2024", "--dry-run");
        Run real = run("--file", file.toString(), "--year", "2024", "--report", report.toString(), "--user", "commune-officer");
        Run again = run("--file", file.toString(), "--year", "2024");
        Run wrongYear = run("--file", file.toString(), "--year", "2030");

        assertThat(dry.status()).isEqualTo(1);
        assertThat(dry.out()).contains("Dry run", "2 accepted, 0 unchanged, 1 rejected", "(dry run: nothing written)",
                "row 3 (NK-2), column members");
        assertThat(dry.err()).contains("100.0%", "3/3 rows");
        assertThat(real.status()).isEqualTo(1);
        assertThat(real.out()).contains("2 accepted, 0 unchanged, 1 rejected", "Recorded as an event at log position");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.get("actorId").asText()).isEqualTo("commune-officer");
        assertThat(json.get("rejections").get(0).get("problems").get(0).get("rule").asText()).isEqualTo("type:integer");
        assertThat(again.out()).contains("0 accepted, 2 unchanged, 1 rejected");
        assertThat(again.out()).doesNotContain("Recorded as an event");
        assertThat(wrongYear.status()).isEqualTo(2);
        assertThat(wrongYear.err()).contains("NO_RULEBOOK_FOR_YEAR");
    }
}
