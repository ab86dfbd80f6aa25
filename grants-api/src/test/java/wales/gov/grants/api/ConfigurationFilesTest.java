package wales.gov.grants.api;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationParsingException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped configuration files parse as the server reads them, with the jobs' own sections accepted and unused,
 * and a key nobody knows is still refused (a misspelt setting must not be silently ignored).
 */
class ConfigurationFilesTest {
    /** Made as Dropwizard makes the server's, which refuses unknown keys. */
    private final ConfigurationFactory<GrantsConfiguration> factory =
            new DefaultConfigurationFactoryFactory<GrantsConfiguration>().create(GrantsConfiguration.class,
                    Validators.newValidator(), Jackson.newObjectMapper(), "dw");
    private final SubstitutingSourceProvider files = new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false));

    @TempDir
    File directory;

    @Test
    void theShippedFilesParseAndProductionCarriesTheJobsSections() throws Exception {
        assertThat(factory.build(files, "config/demo.yml").getMode()).isEqualTo(GrantsConfiguration.Mode.DEMO);
        assertThat(factory.build(files, "config/production.yml").getMode())
                .isEqualTo(GrantsConfiguration.Mode.PRODUCTION);
        assertThat(Files.readString(Path.of("config/production.yml"), StandardCharsets.UTF_8))
                .contains("\nreminders:\n");
    }

    @Test
    void aKeyNobodyKnowsIsStillRefused() throws Exception {
        File file = new File(directory, "typo.yml");
        Files.writeString(file.toPath(), "mode: DEMO\nreminders:\n  claimDueDays: 3\nremindersTypo:\n  claimDueDays: 3\n");
        assertThatThrownBy(() -> factory.build(files, file.getPath()))
                .isInstanceOf(ConfigurationParsingException.class)
                .hasMessageContaining("remindersTypo");
    }
}
