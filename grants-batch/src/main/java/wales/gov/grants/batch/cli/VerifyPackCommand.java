package wales.gov.grants.batch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import wales.gov.grants.audit.AuditPublicKey;
import wales.gov.grants.packs.PackVerifier;

import static java.util.Objects.requireNonNull;

/**
 * {@code verify-pack PACK.pdf --public-key KEY.pem}: checks an audit pack with no database, as an auditor would
 * away from the system (see {@link PackVerifier}); exits 1 if anything does not hold.
 */
public final class VerifyPackCommand extends Command {
    private final PrintStream out;

    public VerifyPackCommand(PrintStream out) {
        super("verify-pack", "check an audit pack offline: its attached data, hash chains, checkpoint signature and "
                + "cover digest; exit 1 if anything does not hold");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("pack").metavar("PACK.pdf").help("the audit pack to check");
        subparser.addArgument("--public-key").dest("publicKey").metavar("KEY.pem").required(true)
                .help("the Ed25519 public key that signs the checkpoints (GET /api/v1/audit/public-key)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Path pack = Path.of(namespace.getString("pack"));
        AuditPublicKey key = AuditPublicKey.fromPem(read(Path.of(namespace.getString("publicKey"))));
        if (!Files.isReadable(pack)) {
            throw new NoSuchFileException(pack.toString(), null, "cannot read the pack");
        }
        PackVerifier.Result result = new PackVerifier(key).verify(pack);
        if (result.valid()) {
            out.println("Pack intact: data SHA-256 " + result.dataSha256() + "; " + result.events() + " events in "
                    + result.chains() + " chain(s); checkpoint(s) " + result.checkpoints() + " signed by key "
                    + key.keyId());
            return;
        }
        result.problems().forEach(out::println);
        throw new JobFailedException("the pack does not verify: " + result.problems().size()
                + " problem(s) listed above");
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "cannot read the public key");
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        cli.getStdErr().println(getName() + " failed: " + message.strip().replaceAll("\\s*\\R\\s*", " "));
        if (!(error instanceof JobFailedException || error instanceof IOException
                || error instanceof IllegalArgumentException)) {
            error.printStackTrace(cli.getStdErr());
        }
    }
}
