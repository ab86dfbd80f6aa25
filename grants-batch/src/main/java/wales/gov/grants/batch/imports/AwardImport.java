package wales.gov.grants.batch.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardsRefusedException;
import wales.gov.grants.awards.NewAward;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

/**
 * An awards CSV read, resolved and checked row by row. The file's own problems (encoding, columns, a scheme or
 * organisation that does not exist, a target that cannot be read) are found here; every rule of an award, the
 * budget across the file and the duplicates are the award service's ({@link AwardService#checkAll}), reported
 * against the line and column they came from.
 *
 * <p>Columns, in any order, each exactly once: {@code scheme} (code), {@code financial_year} ({@code 2019-20}),
 * {@code organisation} (code, English name or Welsh name), {@code amount} (pounds, {@code 85000.00}),
 * {@code conditions} (separated by {@code |}) and {@code outcome_targets} ({@code measure=target (description)},
 * separated by {@code |}).
 */
public final class AwardImport {
    public static final List<String> COLUMNS = List.of("scheme", "financial_year", "organisation", "amount",
            "conditions", "outcome_targets");
    private static final Pattern TARGET = Pattern.compile("^\\s*([^=()|]+?)\\s*=\\s*([^\\s(]+)\\s*\\((.*)\\)\\s*$",
            Pattern.DOTALL);

    /** A problem of one row: the line in the file, the column (null: the whole line) and what is wrong. */
    public record RowProblem(int line, String column, String message) {
        public RowProblem {
            requireNonNull(message, "message is null");
        }

        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", " + column) + ": " + message;
        }
    }

    /** A row that reads as an award: its line, what it names, and the request for the award service. */
    public record Row(int line, Scheme scheme, Organisation organisation, NewAward award) {
    }

    private final List<Row> rows;
    private final List<RowProblem> problems;
    private final int dataRows;
    private final boolean byteOrderMark;

    private AwardImport(List<Row> rows, List<RowProblem> problems, int dataRows, boolean byteOrderMark) {
        this.rows = List.copyOf(rows);
        this.problems = problems.stream()
                .sorted(Comparator.comparingInt(RowProblem::line)
                        .thenComparingInt(problem -> problem.column() == null ? -1 : COLUMNS.indexOf(problem.column())))
                .toList();
        this.dataRows = dataRows;
        this.byteOrderMark = byteOrderMark;
    }

    /** Reads and checks the file as {@code actor} would import it; changes nothing. */
    public static AwardImport check(byte[] file, GrantsServices services, Actor actor) {
        CsvFile csv = CsvFile.parse(file);
        List<RowProblem> problems = new ArrayList<>();
        if (csv.records().isEmpty()) {
            csv.problems().forEach(problem -> problems.add(new RowProblem(problem.line(), null, problem.message())));
            if (problems.isEmpty()) {
                problems.add(new RowProblem(1, null, "the file is empty: its first line must name the columns "
                        + String.join(",", COLUMNS)));
            }
            return new AwardImport(List.of(), problems, 0, csv.hadByteOrderMark());
        }
        CsvFile.Record header = csv.records().get(0);
        Map<String, Integer> columns = header(header, csv, problems);
        int dataRows = csv.records().size() - 1;
        if (columns == null) {
            return new AwardImport(List.of(), problems, dataRows, csv.hadByteOrderMark());
        }

        List<Row> candidates = new ArrayList<>();
        for (CsvFile.Record record : csv.records().subList(1, csv.records().size())) {
            int before = problems.size();
            for (CsvFile.Problem problem : csv.problems()) {
                if (problem.line() == record.line()) {
                    problems.add(new RowProblem(record.line(), columnName(header, problem.field()), problem.message()));
                }
            }
            if (record.fields().size() != header.fields().size()) {
                problems.add(new RowProblem(record.line(), null, "has " + record.fields().size() + " values but the "
                        + "header names " + header.fields().size() + " columns (a value with a comma must be in "
                        + "double quotes)"));
            }
            if (problems.size() > before) {
                continue;
            }
            Row row = row(record, columns, services, actor, problems);
            if (problems.size() == before) {
                candidates.add(row);
            }
        }

        List<AwardService.EntryProblem> ruled = services.awards().checkAll(actor,
                candidates.stream().map(Row::award).toList());
        for (AwardService.EntryProblem problem : ruled) {
            Row row = candidates.get(problem.entry());
            String message = problem.repeats() == null ? problem.message()
                    : "repeats the scheme and organisation of line " + candidates.get(problem.repeats()).line()
                    + " (an import makes at most one award per scheme and organisation)";
            problems.add(new RowProblem(row.line(), column(problem.field()), describe(problem.field(), message, row)));
        }
        List<Integer> badLines = problems.stream().map(RowProblem::line).distinct().toList();
        List<Row> valid = candidates.stream().filter(row -> !badLines.contains(row.line())).toList();
        return new AwardImport(valid, problems, dataRows, csv.hadByteOrderMark());
    }

    /** Creates every award of a file without problems, in one transaction, audited as {@code actor}. */
    public List<Award> importAll(GrantsServices services, Actor actor, Map<String, ?> details) {
        if (!valid()) {
            throw new IllegalStateException("a file with problems is never imported");
        }
        try {
            return services.awards().createAll(actor, rows.stream().map(Row::award).toList(), details);
        } catch (AwardsRefusedException e) {
            // The database changed since the check: say which rows, as the check would have
            throw new ImportRefusedException(e.problems().stream()
                    .map(problem -> new RowProblem(rows.get(problem.entry()).line(), column(problem.field()),
                            describe(problem.field(), problem.message(), rows.get(problem.entry()))))
                    .toList());
        }
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public List<RowProblem> problems() {
        return problems;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The rows after the header. */
    public int dataRows() {
        return dataRows;
    }

    /** How many rows have at least one problem. */
    public long badRows() {
        return problems.stream().map(RowProblem::line).distinct().count();
    }

    public boolean hadByteOrderMark() {
        return byteOrderMark;
    }

    /** A file refused by the award service at import time, after it had been checked. */
    public static final class ImportRefusedException extends RuntimeException {
        private final List<RowProblem> problems;

        ImportRefusedException(List<RowProblem> problems) {
            super(problems.size() + " row(s) were refused at import, after the check");
            this.problems = List.copyOf(problems);
        }

        public List<RowProblem> problems() {
            return problems;
        }
    }

    private static Map<String, Integer> header(CsvFile.Record header, CsvFile csv, List<RowProblem> problems) {
        int before = problems.size();
        csv.problems().stream().filter(problem -> problem.line() == header.line())
                .forEach(problem -> problems.add(new RowProblem(header.line(), null, "header: " + problem.message())));
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int index = 0; index < header.fields().size(); index++) {
            String name = header.fields().get(index).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                problems.add(new RowProblem(header.line(), null, "unknown column \"" + header.fields().get(index)
                        + "\": the columns are " + String.join(",", COLUMNS)));
            } else if (columns.putIfAbsent(name, index) != null) {
                problems.add(new RowProblem(header.line(), null, "column \"" + name + "\" appears twice"));
            }
        }
        List<String> missing = COLUMNS.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            problems.add(new RowProblem(header.line(), null, "missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ": the first line must name the columns "
                    + String.join(",", COLUMNS)));
        }
        return problems.size() > before ? null : columns;
    }

    private static String columnName(CsvFile.Record header, int field) {
        if (field < 0 || field >= header.fields().size()) {
            return null;
        }
        String name = header.fields().get(field).strip().toLowerCase(Locale.ROOT);
        return COLUMNS.contains(name) ? name : null;
    }

    private static Row row(CsvFile.Record record, Map<String, Integer> columns, GrantsServices services, Actor actor,
                           List<RowProblem> problems) {
        int line = record.line();
        String schemeCode = value(record, columns, "scheme");
        String yearText = value(record, columns, "financial_year");
        String organisationKey = value(record, columns, "organisation");
        String amount = value(record, columns, "amount");

        FinancialYear year = null;
        if (yearText.isEmpty()) {
            problems.add(new RowProblem(line, "financial_year", "is required, such as 2019-20"));
        } else {
            try {
                year = FinancialYear.parse(yearText);
            } catch (IllegalArgumentException e) {
                problems.add(new RowProblem(line, "financial_year", quote(yearText) + " " + e.getMessage()));
            }
        }
        Scheme scheme = null;
        if (schemeCode.isEmpty()) {
            problems.add(new RowProblem(line, "scheme", "is required: the scheme's code, such as SDDF"));
        } else if (year != null) {
            Optional<Scheme> found = services.schemes().findByCode(actor, schemeCode, year);
            if (found.isEmpty()) {
                problems.add(new RowProblem(line, "scheme", "no scheme has the code " + quote(schemeCode) + " in "
                        + year));
            }
            scheme = found.orElse(null);
        }
        Organisation organisation = null;
        if (organisationKey.isEmpty()) {
            problems.add(new RowProblem(line, "organisation", "is required: a code, or the English or Welsh name"));
        } else {
            List<Organisation> found = services.organisations().findByCodeOrName(actor, organisationKey);
            if (found.isEmpty()) {
                problems.add(new RowProblem(line, "organisation", quote(organisationKey) + " is no organisation's "
                        + "code, English name or Welsh name (names must match exactly, letters such as ŵ included)"));
            } else if (found.size() > 1) {
                problems.add(new RowProblem(line, "organisation", quote(organisationKey) + " names "
                        + found.size() + " organisations ("
                        + found.stream().map(Organisation::code).collect(Collectors.joining(", "))
                        + "): give the code"));
            } else {
                organisation = found.get(0);
            }
        }
        List<String> conditions = split(value(record, columns, "conditions"));
        List<NewAward.NewOutcomeTarget> targets = new ArrayList<>();
        List<String> targetTexts = split(value(record, columns, "outcome_targets"));
        for (int index = 0; index < targetTexts.size(); index++) {
            Matcher matcher = TARGET.matcher(targetTexts.get(index));
            BigDecimal target = null;
            if (matcher.matches()) {
                try {
                    target = new BigDecimal(matcher.group(2));
                } catch (NumberFormatException e) {
                    target = null;
                }
            }
            if (target == null) {
                problems.add(new RowProblem(line, "outcome_targets", "target " + (index + 1) + " "
                        + quote(targetTexts.get(index)) + " is not measure=target (description), such as "
                        + "care-leavers-supported=90 (Care leavers receiving funds)"));
                continue;
            }
            targets.add(new NewAward.NewOutcomeTarget(matcher.group(1), matcher.group(3).strip(), target));
        }
        return new Row(line, scheme, organisation, new NewAward(scheme == null ? null : scheme.id().toString(),
                organisation == null ? null : organisation.id().toString(), amount, conditions, targets));
    }

    private static String value(CsvFile.Record record, Map<String, Integer> columns, String column) {
        return record.fields().get(columns.get(column)).strip();
    }

    private static List<String> split(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.split("\\|", -1)) {
            parts.add(part.strip());
        }
        return parts;
    }

    /** The CSV column of an award service field: {@code outcomeTargets[2].measure} is {@code outcome_targets}. */
    private static String column(String field) {
        if (field.startsWith("schemeId")) {
            return "scheme";
        }
        if (field.startsWith("organisationId")) {
            return "organisation";
        }
        if (field.startsWith("conditions")) {
            return "conditions";
        }
        if (field.startsWith("outcomeTargets")) {
            return "outcome_targets";
        }
        return field.equals("amount") ? "amount" : null;
    }

    /** The service's message about {@code field}, worded for the row: the value, or which condition or target. */
    private static String describe(String field, String message, Row row) {
        Matcher item = Pattern.compile("^(conditions|outcomeTargets)\\[(\\d+)](?:\\.(\\w+))?$").matcher(field);
        if (item.matches()) {
            int number = Integer.parseInt(item.group(2)) + 1;
            String what = item.group(1).equals("conditions") ? "condition " + number : "target " + number;
            return what + (item.group(3) == null ? "" : " " + item.group(3)) + " " + message;
        }
        if (field.equals("amount") && !row.award().amount().isEmpty()) {
            return quote(row.award().amount()) + " " + message;
        }
        return message;
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }
}
