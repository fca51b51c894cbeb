package org.povertyledger.command.importing.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.povertyledger.command.importing.ImportActor;
import org.povertyledger.command.importing.BulkImporter;
import org.povertyledger.command.importing.ImportReport;
import org.povertyledger.command.importing.ImportService;
import org.povertyledger.command.importing.ImportTemplate;
import org.povertyledger.command.web.IdempotencyFilter;
import org.povertyledger.shared.access.AccessScope;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.importing.value.ImportSource;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * HTTP adapter of the bulk import. {@code POST /api/imports} checks the file as a whole (400 when it cannot be
 * imported at all) and answers 202 with the import's id; the rows run in the background and
 * {@code GET /api/imports/{id}} shows counts, percent, rate and every rejected row.
 *
 * <p>The upload is streamed to a temporary file while its SHA-256 is computed; it is never held in memory.
 * The Idempotency-Key is kept here rather than by the request filter: the same key with the same file, year
 * and mode answers with the first import; with another file it is a 409. When the service stopped while the
 * first import ran (killed, crashed), the same upload under the same key runs the file again: its rows already in
 * the ledger are recognised by their own keys and count as unchanged, so a client can retry until it completes.
 */
@RestController
@RequestMapping(path = "/api/imports", produces = MediaType.APPLICATION_JSON_VALUE)
class ImportController {

    private static final int DEFAULT_REJECTIONS = 1000;

    private final ImportService imports;
    private final RulebookRegistry rulebooks;
    private final Path workDir;
    private final AccessScope access;

    ImportController(ImportService imports, RulebookRegistry rulebooks,
                     @Value("${povertyledger.import.work-dir:${java.io.tmpdir}}") Path workDir, AccessScope access) {
        this.imports = imports;
        this.access = access;
        this.rulebooks = rulebooks;
        this.workDir = workDir;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> upload(@RequestPart("file") MultipartFile file,
                             @RequestParam("year") Integer year,
                             @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
                             Authentication authentication, HttpServletRequest request) throws IOException {
        Require.range("year", Require.present("year", year), 2000, 2100);
        String fileName = fileName(file);
        ImportActor actor = new ImportActor(authentication.getName(), writeRole(authentication));
        String key = (String) request.getAttribute(IdempotencyFilter.KEY_ATTRIBUTE);

        Files.createDirectories(workDir);
        Path stored = Files.createTempFile(workDir, "import-", ".upload");
        boolean handedOver = false;
        try {
            String sha256 = copy(file, stored);
            Optional<ImportService.RequestRecord> abandoned = Optional.empty();
            if (key != null) {
                abandoned = imports.request(actor.id(), key).filter(r -> imports.abandoned(r.importId()));
                Optional<ResponseEntity<?>> replay = abandoned.isPresent() ? Optional.empty()
                        : replay(actor, key, sha256, year, dryRun);
                if (replay.isPresent()) {
                    return replay.get();
                }
                if (abandoned.isPresent()) {
                    sameRequest(abandoned.get(), sha256, year, dryRun);
                }
            }
            BulkImporter.PreparedImport prepared = imports.importer()
                    .prepare(stored, fileName, sha256, year, dryRun, actor, ImportSource.HTTP, access.current());
            if (key != null) {
                ImportService.RequestRecord mine = new ImportService.RequestRecord(prepared.job().id().value(),
                        sha256, year, dryRun);
                // A retry of an upload the service stopped during runs the file again under the same key.
                Optional<ImportService.RequestRecord> earlier = abandoned.isPresent()
                        ? Optional.of(imports.reclaim(actor.id(), key, abandoned.get().importId(), mine))
                                .filter(holder -> !holder.importId().equals(mine.importId()))
                        : imports.claim(actor.id(), key, mine);
                if (earlier.isPresent()) {
                    return replay(actor, key, sha256, year, dryRun).orElseThrow();
                }
            }
            ImportReport report = imports.submit(prepared, stored);
            handedOver = true;
            return ResponseEntity.accepted().location(URI.create("/api/imports/" + report.importId())).body(report);
        } finally {
            if (!handedOver) {
                Files.deleteIfExists(stored);
            }
        }
    }

    private Optional<ResponseEntity<?>> replay(ImportActor actor, String key, String sha256, int year, boolean dryRun) {
        Optional<ImportService.RequestRecord> earlier = imports.request(actor.id(), key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        ImportService.RequestRecord record = earlier.get();
        sameRequest(record, sha256, year, dryRun);
        ImportReport report = imports.find(record.importId(), 0, DEFAULT_REJECTIONS).orElseThrow();
        return Optional.of(ResponseEntity.ok().header(IdempotencyFilter.REPLAYED_HEADER, "true")
                .location(URI.create("/api/imports/" + report.importId())).body(report));
    }

    private static void sameRequest(ImportService.RequestRecord record, String sha256, int year, boolean dryRun) {
        if (!record.sha256().equals(sha256) || record.reviewYear() != year || record.dryRun() != dryRun) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, IdempotencyFilter.HEADER, "same-request",
                    "this Idempotency-Key was already used for another file, year or mode");
        }
    }

    @GetMapping("/{importId}")
    ImportReport report(@PathVariable String importId,
                        @RequestParam(name = "offset", defaultValue = "0") int offset,
                        @RequestParam(name = "limit", defaultValue = "" + DEFAULT_REJECTIONS) int limit) {
        Require.range("offset", offset, 0, Integer.MAX_VALUE);
        Require.range("limit", limit, 0, 100_000);
        // A report names households of every commune in its file: only its uploader and national users read it.
        return imports.find(importId, offset, limit)
                .filter(report -> access.current().national() || mine(report))
                .orElseThrow(() -> new DomainException(ErrorCode.IMPORT_NOT_FOUND,
                "importId", "exists", "no import with id " + importId, Map.of("importId", importId)));
    }

    private boolean mine(ImportReport report) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user != null && user.getName().equals(report.actorId())) {
            return true;
        }
        access.denied("out-of-scope", "import.read");
        return false;
    }

    /** The XLSX template; {@code lang=vi} (default) offers Vietnamese labels in the drop-down lists. */
    @GetMapping(path = "/template.xlsx", produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(name = "lang", defaultValue = "vi") String lang,
                                                   @RequestParam(name = "year", defaultValue = "2025") int year) {
        if (!lang.equals("vi") && !lang.equals("en")) {
            throw new ValidationException("lang", "one-of:vi,en", "lang must be vi or en");
        }
        var rulebook = rulebooks.forReviewYear(year);
        StreamingResponseBody body = out -> ImportTemplate.write(out, lang.equals("vi"), rulebook);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("povertyledger-annual-review-template.xlsx").build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(body);
    }

    private static String copy(MultipartFile file, Path target) throws IOException {
        try (InputStream in = new DigestInputStream(file.getInputStream(), MessageDigest.getInstance("SHA-256"))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return "upload";
        }
        // Keep the base name only, and nothing a log or a spreadsheet could misread.
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        while (!base.isEmpty() && "=+-@".indexOf(base.charAt(0)) >= 0) {
            base = base.substring(1);
        }
        if (base.length() > 255) {
            base = base.substring(base.length() - 255);
        }
        return base.isBlank() ? "upload" : base;
    }

    /** The role under which a write is made: OFFICER when the user has it, otherwise ADMIN. */
    private static String writeRole(Authentication authentication) {
        String best = null;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String role = authority.getAuthority().replaceFirst("^ROLE_", "");
            if (role.equals("OFFICER")) {
                return role;
            }
            if (best == null || role.equals("ADMIN")) {
                best = role;
            }
        }
        return best == null ? "OFFICER" : best;
    }
}
