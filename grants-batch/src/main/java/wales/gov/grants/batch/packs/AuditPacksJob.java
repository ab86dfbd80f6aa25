package wales.gov.grants.batch.packs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.awards.Award;
import wales.gov.grants.batch.cli.JobFailedException;
import wales.gov.grants.batch.cli.Progress;
import wales.gov.grants.batch.runs.BatchRun;
import wales.gov.grants.batch.runs.BatchRuns;
import wales.gov.grants.batch.runs.BatchScheduler;
import wales.gov.grants.batch.runs.EngineSettings;
import wales.gov.grants.batch.runs.NewItem;
import wales.gov.grants.batch.runs.OutputFiles;
import wales.gov.grants.batch.runs.RunCounts;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

/**
 * {@code audit-packs}: every award's audit pack for a financial year (optionally one scheme), in one or both
 * languages, into one directory, with a manifest once all are there. The run is shared through PostgreSQL: every
 * process started on the same arguments joins the same {@code batch_runs} row, makes sure each pack not yet done
 * has its db-scheduler execution, and works on them with its threads until the run's items are settled; whichever
 * process then finds the run complete writes the manifest. A finished run is not done again.
 */
public final class AuditPacksJob {
    public static final String JOB = "audit-packs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GrantsServices services;
    private final DataSource dataSource;
    private final EngineSettings settings;
    private final String worker;
    private final Clock clock;
    private final Jdbi batchJdbi;
    private final BatchRuns runs;

    /** The run's arguments: {@code scheme} empty for every scheme of the year. */
    public record Arguments(FinancialYear financialYear, Optional<String> scheme, List<PackLanguage> languages,
                            Path out) {
        public Arguments {
            requireNonNull(financialYear, "financialYear is null");
            requireNonNull(scheme, "scheme is null");
            languages = List.copyOf(languages);
            out = out.toAbsolutePath().normalize();
        }

        /** The arguments in one canonical text: the run's key. */
        String key() {
            return "financial-year=" + financialYear + " scheme=" + scheme.orElse("*") + " lang="
                    + languages.stream().map(PackLanguage::code).collect(Collectors.joining(",")) + " out=" + out;
        }

        String json() {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("financialYear", financialYear.toString());
            members.put("scheme", scheme.orElse(null));
            members.put("languages", languages.stream().map(PackLanguage::code).toList());
            members.put("out", out.toString());
            try {
                return JSON.writeValueAsString(members);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        String describe() {
            return financialYear + ", " + scheme.map(code -> "scheme " + code).orElse("every scheme") + ", "
                    + languages.stream().map(PackLanguage::code).collect(Collectors.joining(" and "));
        }
    }

    public AuditPacksJob(GrantsServices services, DataSource dataSource, EngineSettings settings, String worker) {
        this.services = requireNonNull(services, "services is null");
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.clock = services.clock();
        // a Jdbi of its own: the services' Jdbi would run their transactions inside the one that locks an item
        this.batchJdbi = Jdbi.create(dataSource);
        this.runs = new BatchRuns(batchJdbi);
    }

    /**
     * Joins (or starts) the run and works on it until it is settled; prints the summary and the run's totals on
     * {@code out}. Fails, in one line, if the arguments name nothing or any pack failed its last attempt.
     */
    public void run(Arguments arguments, Actor actor, int threads, Progress progress, PrintStream out)
            throws IOException {
        requireNonNull(actor, "actor is null");
        List<NewItem> items = items(arguments, actor);
        OutputFiles output = output(arguments.out());
        refuseAnotherRunsDirectory(arguments);
        BatchRuns.Joined joined = runs.join(JOB, arguments.key(), arguments.json(), actor.username(),
                clock.instant(), items);
        BatchRun run = joined.run();
        if (run.finished().isPresent()) {
            for (int item = 0; item < run.itemCount(); item++) {
                progress.skipped();
            }
            progress.finish(out);
            RunCounts counts = runs.counts(run.id());
            out.println("run " + run.id() + " (" + arguments.describe() + ") finished at " + run.finishedAt()
                    + " by " + run.finishedBy() + ": " + counts.done() + " packs, " + counts.pages()
                    + " pages in " + arguments.out() + "; nothing to do, nothing written");
            return;
        }
        List<String> waiting = runs.reopen(run.id());
        progress.total(run.itemCount());
        for (int item = waiting.size(); item < run.itemCount(); item++) {
            progress.skipped();
        }
        AtomicReference<String> firstFailure = new AtomicReference<>();
        PackTask task = new PackTask(batchJdbi, runs, services.packs(), actor, clock, settings, worker,
                new PackTask.Listener() {
                    @Override
                    public void done(PackItem item, int pages) {
                        if (item.runId() == run.id()) {
                            progress.done();
                        }
                    }

                    @Override
                    public void skipped(PackItem item) {
                        if (item.runId() == run.id()) {
                            progress.skipped();
                        }
                    }

                    @Override
                    public void failed(PackItem item, String error) {
                        if (item.runId() == run.id()) {
                            firstFailure.compareAndSet(null, item.itemKey() + ": " + error);
                            progress.failed();
                        }
                    }
                });
        RunCounts counts;
        try (BatchScheduler scheduler = BatchScheduler.start(dataSource, settings, worker, threads,
                List.of(task.task()))) {
            // due at once, in the run's order; the start of the run, not this machine's clock, so that a machine
            // whose clock is behind does not wait
            Instant due = run.startedAt().truncatedTo(ChronoUnit.MILLIS);
            for (int index = 0; index < waiting.size(); index++) {
                PackItem item = item(run.id(), waiting.get(index));
                scheduler.scheduleIfNotExists(PackTask.instance(item), due.plus(index, ChronoUnit.MICROS));
            }
            counts = waitUntilSettled(run, progress);
        }
        progress.finish(out);
        if (counts.failed() > 0) {
            throw new JobFailedException(counts.failed() + " of " + counts.items() + " packs of run " + run.id()
                    + " failed after " + settings.maxAttempts() + " attempts"
                    + (firstFailure.get() == null ? "" : " (here " + firstFailure.get() + ")")
                    + "; the others are in " + arguments.out() + "; run the same command again to retry them");
        }
        Instant now = clock.instant();
        BatchRuns.Finish finish = runs.finishIfComplete(run.id(), worker, now,
                (handle, locked, complete) -> {
                    for (NewItem item : items) {
                        output.deleteLeftovers(item.outputFile());
                    }
                    Manifest.write(handle, locked, complete, now, output);
                });
        out.println("run " + run.id() + " (" + arguments.describe() + "): " + finish.counts().done() + " of "
                + finish.counts().items() + " packs, " + finish.counts().pages() + " pages in " + arguments.out()
                + "; " + Manifest.FILE + " written by "
                + (finish.finishedHere() ? "this process (" + worker + ")" : finish.run().finishedBy()));
    }

    private RunCounts waitUntilSettled(BatchRun run, Progress progress) {
        while (true) {
            RunCounts counts = runs.counts(run.id());
            progress.total(counts.items());
            if (counts.settled()) {
                return counts;
            }
            try {
                Thread.sleep(settings.progressEvery().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobFailedException("interrupted while run " + run.id() + " was in progress; its packs are "
                        + "left to the other processes or to a re-run");
            }
        }
    }

    private static PackItem item(long runId, String itemKey) {
        return PackItem.ofInstanceId(runId + ":" + itemKey);
    }

    private record AwardRow(UUID id, String schemeCode, String organisationCode) {
    }

    /**
     * Every award of the year (and scheme), each in each language, in a stable order: the awards as the award
     * service lists a year's, named by their scheme's and organisation's codes.
     */
    List<NewItem> items(Arguments arguments, Actor actor) {
        FinancialYear year = arguments.financialYear();
        Optional<SchemeId> only = arguments.scheme().map(code -> services.schemes().findByCode(actor, code, year)
                .orElseThrow(() -> new JobFailedException("no scheme " + code + " in financial year " + year)).id());
        if (only.isEmpty() && services.schemes().list(actor, year.toString(), Page.Request.of(1, 0L)).total() == 0) {
            throw new JobFailedException("no scheme in financial year " + year);
        }
        Map<SchemeId, String> schemeCodes = new HashMap<>();
        Map<OrganisationId, String> organisationCodes = new HashMap<>();
        List<NewItem> items = new ArrayList<>();
        for (Award award : services.awards().ofFinancialYear(actor, year)) {
            if (only.isPresent() && !only.get().equals(award.schemeId())) {
                continue;
            }
            AwardRow row = new AwardRow(award.id().value(),
                    schemeCodes.computeIfAbsent(award.schemeId(), id -> services.schemes().get(actor, id).code()),
                    organisationCodes.computeIfAbsent(award.organisationId(),
                            id -> services.organisations().get(actor, id).code()));
            for (PackLanguage language : arguments.languages()) {
                items.add(new NewItem(PackItem.itemKey(row.id(), language), fileName(row, language)));
            }
        }
        return items;
    }

    /** {@code audit-pack-<scheme>-<organisation>-<award id>-<language>.pdf}: an organisation may have two awards. */
    private static String fileName(AwardRow award, PackLanguage language) {
        return ("audit-pack-" + award.schemeCode() + "-" + award.organisationCode() + "-" + award.id() + "-"
                + language.code() + ".pdf").replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The output directory, made if missing; fails in one line if it cannot be written. */
    private OutputFiles output(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".audit-packs-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new JobFailedException("--out " + directory + " is not a directory this process can write: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return new OutputFiles(directory, worker);
    }

    /** One directory, one run: two runs' manifests would overwrite each other. */
    private void refuseAnotherRunsDirectory(Arguments arguments) {
        List<BatchRun> others = runs.othersWithArgument(JOB, arguments.key(), "out", arguments.out().toString());
        if (!others.isEmpty()) {
            BatchRun other = others.get(0);
            throw new JobFailedException("--out " + arguments.out() + " holds run " + other.id() + " (" + other
                    .argumentsKey() + "), begun " + other.startedAt() + "; give each run a directory of its own");
        }
    }
}
