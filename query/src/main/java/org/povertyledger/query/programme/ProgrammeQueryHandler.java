package org.povertyledger.query.programme;

import static com.mongodb.client.model.Filters.eq;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.povertyledger.query.programme.FundingFiguresCalculator.AllocationFigures;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.programme.query.AgencyTerm;
import org.povertyledger.shared.programme.query.AllocationEntry;
import org.povertyledger.shared.programme.query.AllocationView;
import org.povertyledger.shared.programme.query.FindAllocationQuery;
import org.povertyledger.shared.programme.query.FindFundingLedgerQuery;
import org.povertyledger.shared.programme.query.FindOutputsAgainstPlanQuery;
import org.povertyledger.shared.programme.query.FindProgrammeStructureQuery;
import org.povertyledger.shared.programme.query.FindSubProjectOutputsQuery;
import org.povertyledger.shared.programme.query.FundingFigures;
import org.povertyledger.shared.programme.query.FundingLedgerRow;
import org.povertyledger.shared.programme.query.FundingLedgerView;
import org.povertyledger.shared.programme.query.OutputPlanRow;
import org.povertyledger.shared.programme.query.OutputRecordView;
import org.povertyledger.shared.programme.query.OutputsAgainstPlanView;
import org.povertyledger.shared.programme.query.ProgrammeStructureView;
import org.povertyledger.shared.programme.query.ProjectFunding;
import org.povertyledger.shared.programme.query.ProjectView;
import org.povertyledger.shared.programme.query.SubProjectFunding;
import org.povertyledger.shared.programme.query.SubProjectOutputsView;
import org.povertyledger.shared.programme.query.SubProjectView;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.query.support.ProjectionPositions;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/**
 * Answers the programme queries. A programme's structure and one allocation are read by {@code _id}; the funding
 * ledger and the outputs read every allocation or sub-project document of the programme (bounded: a programme has a
 * few thousand allocations at most; on MongoDB the {@code programmeCode} index serves the filter) and compute the
 * figures on the asked date in memory.
 */
public class ProgrammeQueryHandler {

    private final MongoCollection<Document> structures;
    private final MongoCollection<Document> allocations;
    private final MongoCollection<Document> outputs;
    private final ProjectionPositions positions;

    public ProgrammeQueryHandler(MongoDatabase database) {
        this.structures = database.getCollection(ProgrammeStructureProjection.COLLECTION);
        this.allocations = database.getCollection(FundingLedgerProjection.COLLECTION);
        this.outputs = database.getCollection(ProgrammeOutputsProjection.COLLECTION);
        this.positions = new ProjectionPositions(database);
    }

    /** The programme's structure on {@code asOf}; empty when the programme is not registered. */
    @QueryHandler
    public Optional<ProgrammeStructureView> handle(FindProgrammeStructureQuery query) {
        Require.present("programmeCode", query.programmeCode());
        Document document = structures.find(eq("_id", query.programmeCode())).first();
        if (document == null) {
            return Optional.empty();
        }
        LocalDate asOf = query.asOf();
        List<ProjectView> projects = new ArrayList<>();
        List<Document> subProjects = ReadModelSupport.documents(document, "subProjects");
        for (Document project : sortedBy(ReadModelSupport.documents(document, "projects"), "projectCode")) {
            String projectCode = project.getString("projectCode");
            List<SubProjectView> lines = new ArrayList<>();
            for (Document subProject : sortedBy(subProjects, "subProjectCode")) {
                if (projectCode.equals(subProject.getString("projectCode"))) {
                    lines.add(subProjectView(subProject, asOf));
                }
            }
            projects.add(new ProjectView(projectCode, project.getString("name"), List.copyOf(lines)));
        }
        return Optional.of(new ProgrammeStructureView(document.getString("_id"), document.getString("name"),
                document.getInteger("firstYear"), document.getInteger("lastYear"), document.getString("legalBasis"),
                asOf, List.copyOf(projects), ReadModelSupport.longOf(document, "position")));
    }

    /**
     * The funding ledger on {@code asOf}: a row per sub-project, fiscal year, source and unit, rolled up to
     * sub-project, project and programme. Empty when the programme is neither registered nor funded.
     */
    @QueryHandler
    public Optional<FundingLedgerView> handle(FindFundingLedgerQuery query) {
        Require.present("programmeCode", query.programmeCode());
        // Read the position first: the answer then reflects at least that position.
        long position = positions.position(FundingLedgerProjection.PROCESSING_GROUP);
        Document structure = structures.find(eq("_id", query.programmeCode())).first();
        Map<String, String> names = names(structure);

        Map<String, Map<String, Map<RowKey, List<AllocationFigures>>>> byProject = new TreeMap<>(ReadModelSupport.CODE_ORDER);
        boolean any = false;
        for (Document allocation : allocations.find(eq("programmeCode", query.programmeCode()))) {
            any = true;
            if (!matches(allocation, query)) {
                continue;
            }
            AllocationFigures figures = FundingFiguresCalculator.on(allocation, query.asOf());
            if (!figures.counted()) {
                continue;
            }
            RowKey key = new RowKey(allocation.getInteger("fiscalYear"),
                    FundingSource.valueOf(allocation.getString("source")), allocation.getString("unitCode"));
            byProject.computeIfAbsent(allocation.getString("projectCode"), p -> new TreeMap<>(ReadModelSupport.CODE_ORDER))
                    .computeIfAbsent(allocation.getString("subProjectCode"), s -> new TreeMap<>(RowKey.ORDER))
                    .computeIfAbsent(key, k -> new ArrayList<>())
                    .add(figures);
        }
        if (structure == null && !any) {
            return Optional.empty();
        }

        List<AllocationFigures> programmeAll = new ArrayList<>();
        List<ProjectFunding> projects = new ArrayList<>();
        byProject.forEach((projectCode, subProjects) -> {
            List<AllocationFigures> projectAll = new ArrayList<>();
            List<SubProjectFunding> lines = new ArrayList<>();
            subProjects.forEach((subProjectCode, rows) -> {
                List<AllocationFigures> lineAll = new ArrayList<>();
                List<FundingLedgerRow> ledgerRows = new ArrayList<>();
                rows.forEach((key, figures) -> {
                    lineAll.addAll(figures);
                    ledgerRows.add(new FundingLedgerRow(key.fiscalYear(), key.source(), key.unitCode(),
                            FundingFiguresCalculator.sum(figures)));
                });
                projectAll.addAll(lineAll);
                lines.add(new SubProjectFunding(subProjectCode, names.get("sp:" + subProjectCode),
                        FundingFiguresCalculator.sum(lineAll), List.copyOf(ledgerRows)));
            });
            programmeAll.addAll(projectAll);
            projects.add(new ProjectFunding(projectCode, names.get("p:" + projectCode),
                    FundingFiguresCalculator.sum(projectAll), List.copyOf(lines)));
        });
        return Optional.of(new FundingLedgerView(query.programmeCode(),
                structure == null ? null : structure.getString("name"), query.asOf(),
                FundingFiguresCalculator.sum(programmeAll), List.copyOf(projects), position));
    }

    /** One allocation with its figures on {@code asOf} and its full history; empty when unknown. */
    @QueryHandler
    public Optional<AllocationView> handle(FindAllocationQuery query) {
        Require.present("allocationId", query.allocationId());
        Document allocation = allocations.find(eq("_id", query.allocationId())).first();
        if (allocation == null) {
            return Optional.empty();
        }
        LocalDate asOf = query.asOf();
        AllocationFigures figures = FundingFiguresCalculator.on(allocation, asOf);
        List<AllocationEntry> entries = new ArrayList<>();
        for (Document entry : allocation.getList("entries", Document.class, List.of())) {
            entries.add(new AllocationEntry(ReadModelSupport.longOf(entry, "position"), entry.getString("eventId"),
                    entry.getString("type"), LocalDate.parse(entry.getString("date")),
                    ReadModelSupport.longOf(entry, "amount"), ReadModelSupport.longOf(entry, "allocatedAfter"),
                    ReadModelSupport.longOf(entry, "disbursedAfter"), entry.getString("decisionRef"),
                    entry.getString("purpose"), entry.getString("payee"), entry.getString("voucherRef"),
                    entry.getString("reason"), entry.getString("actorId"), entry.getString("actorRole"),
                    entry.getString("recordedAt") == null ? null : Instant.parse(entry.getString("recordedAt")),
                    figures.counted() && FundingFiguresCalculator.inEffect(entry, asOf)));
        }
        String status = !figures.counted() ? "NOT_YET_ALLOCATED" : figures.closed() ? "CLOSED" : "OPEN";
        return Optional.of(new AllocationView(allocation.getString("_id"), allocation.getString("programmeCode"),
                allocation.getString("projectCode"), allocation.getString("subProjectCode"),
                allocation.getInteger("fiscalYear"), FundingSource.valueOf(allocation.getString("source")),
                allocation.getString("unitCode"), allocation.getString("decisionRef"),
                LocalDate.parse(allocation.getString("effectiveDate")), status, figures.toFigures(),
                List.copyOf(entries), asOf, ReadModelSupport.longOf(allocation, "position")));
    }

    /** Outputs against plan of the programme's sub-projects on {@code asOf}. */
    @QueryHandler
    public OutputsAgainstPlanView handle(FindOutputsAgainstPlanQuery query) {
        Require.present("programmeCode", query.programmeCode());
        long position = positions.position(ProgrammeOutputsProjection.PROCESSING_GROUP);
        List<Document> subProjects = new ArrayList<>();
        if (query.subProjectCode() != null) {
            Document one = outputs.find(eq("_id", ProgrammeOutputsProjection.documentId(query.programmeCode(),
                    query.subProjectCode()))).first();
            if (one != null) {
                subProjects.add(one);
            }
        } else {
            outputs.find(eq("programmeCode", query.programmeCode())).into(subProjects);
        }
        List<OutputPlanRow> rows = new ArrayList<>();
        for (Document subProject : sortedBy(subProjects, "subProjectCode")) {
            rows.addAll(OutputsAgainstPlanCalculator.rows(subProject, query.asOf(), query.year(),
                    query.communeCode()));
        }
        return new OutputsAgainstPlanView(query.programmeCode(), query.asOf(), List.copyOf(rows), position);
    }

    /** Every output record of one sub-project whose period ended by {@code asOf}. */
    @QueryHandler
    public SubProjectOutputsView handle(FindSubProjectOutputsQuery query) {
        Require.present("programmeCode", query.programmeCode());
        Require.present("subProjectCode", query.subProjectCode());
        Document document = outputs.find(eq("_id", ProgrammeOutputsProjection.documentId(query.programmeCode(),
                query.subProjectCode()))).first();
        if (document == null) {
            return new SubProjectOutputsView(query.programmeCode(), query.subProjectCode(), query.asOf(), List.of(),
                    positions.position(ProgrammeOutputsProjection.PROCESSING_GROUP));
        }
        List<OutputRecordView> records = new ArrayList<>();
        for (Document output : document.getList("outputs", Document.class, List.of())) {
            LocalDate periodTo = LocalDate.parse(output.getString("periodTo"));
            if (query.asOf() != null && periodTo.isAfter(query.asOf())) {
                continue;
            }
            records.add(new OutputRecordView(output.getString("outputId"),
                    OutputCode.valueOf(output.getString("outputCode")), new BigDecimal(output.getString("quantity")),
                    output.getString("unit"), LocalDate.parse(output.getString("periodFrom")), periodTo,
                    output.getString("communeCode"), List.copyOf(output.getList("beneficiaries", String.class, List.of())),
                    output.getString("allocationId"), ReadModelSupport.longOf(output, "position"),
                    output.getString("recordedAt") == null ? null : Instant.parse(output.getString("recordedAt"))));
        }
        return new SubProjectOutputsView(query.programmeCode(), query.subProjectCode(), query.asOf(),
                List.copyOf(records), ReadModelSupport.longOf(document, "position"));
    }

    private static SubProjectView subProjectView(Document subProject, LocalDate asOf) {
        List<Document> terms = new ArrayList<>(ReadModelSupport.documents(subProject, "terms"));
        terms.sort(Comparator.comparing((Document t) -> t.getString("from"))
                .thenComparingLong(t -> ReadModelSupport.longOf(t, "position")));
        List<AgencyTerm> history = new ArrayList<>();
        String inCharge = null;
        for (int i = 0; i < terms.size(); i++) {
            Document term = terms.get(i);
            LocalDate from = LocalDate.parse(term.getString("from"));
            LocalDate until = i + 1 < terms.size() ? LocalDate.parse(terms.get(i + 1).getString("from")).minusDays(1)
                    : null;
            if (until != null && until.isBefore(from)) {
                continue; // superseded on its first day by a term recorded later for the same date
            }
            history.add(new AgencyTerm(term.getString("managingAgency"), from, until, term.getString("decisionRef")));
            if (asOf == null || !from.isAfter(asOf)) {
                inCharge = term.getString("managingAgency");
            }
        }
        return new SubProjectView(subProject.getString("subProjectCode"), subProject.getString("name"), inCharge,
                List.copyOf(history));
    }

    private static Map<String, String> names(Document structure) {
        Map<String, String> names = new LinkedHashMap<>();
        if (structure != null) {
            ReadModelSupport.documents(structure, "projects")
                    .forEach(p -> names.put("p:" + p.getString("projectCode"), p.getString("name")));
            ReadModelSupport.documents(structure, "subProjects")
                    .forEach(s -> names.put("sp:" + s.getString("subProjectCode"), s.getString("name")));
        }
        return names;
    }

    private static boolean matches(Document allocation, FindFundingLedgerQuery query) {
        return (query.fiscalYear() == null || query.fiscalYear().equals(allocation.getInteger("fiscalYear")))
                && (query.subProjectCode() == null || query.subProjectCode().equals(allocation.getString("subProjectCode")))
                && (query.source() == null || query.source().name().equals(allocation.getString("source")))
                && (query.unitCode() == null || query.unitCode().equals(allocation.getString("unitCode")))
                && query.scope().covers(allocation.getString("unitCode"));
    }

    private static List<Document> sortedBy(List<Document> documents, String key) {
        List<Document> sorted = new ArrayList<>(documents);
        sorted.sort(Comparator.comparing(d -> d.getString(key), ReadModelSupport.CODE_ORDER));
        return sorted;
    }

    /** A cell of the funding ledger within a sub-project. */
    private record RowKey(int fiscalYear, FundingSource source, String unitCode) {
        static final Comparator<RowKey> ORDER = Comparator.comparingInt(RowKey::fiscalYear)
                .thenComparing(RowKey::source)
                .thenComparing(RowKey::unitCode, ReadModelSupport.CODE_ORDER);
    }
}
