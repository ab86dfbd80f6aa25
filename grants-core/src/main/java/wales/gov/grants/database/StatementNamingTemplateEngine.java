package wales.gov.grants.database;

import java.util.Optional;
import java.util.function.Function;

import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

import static java.util.Objects.requireNonNull;

/**
 * Prefixes each statement with a comment naming its DAO method, such as ClaimDao.find, as Dropwizard's auto
 * comments do, so the database's logs and activity views say where a statement came from. Unlike Dropwizard's
 * engine it offers JDBI the parsed template, which JDBI caches: without that, every execution lexed its SQL again.
 */
public final class StatementNamingTemplateEngine implements TemplateEngine {
    private final TemplateEngine original;

    public StatementNamingTemplateEngine(TemplateEngine original) {
        this.original = requireNonNull(original, "original is null");
    }

    @Override
    public String render(String template, StatementContext context) {
        return name(context) + original.render(template, context);
    }

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        return original.parse(template, config).map(parsed -> context -> name(context) + parsed.apply(context));
    }

    private static String name(StatementContext context) {
        ExtensionMethod method = context.getExtensionMethod();
        if (method == null) {
            return "";
        }
        String type = method.getType().getSimpleName();
        return "/* " + (type.isEmpty() ? "" : type + ".") + method.getMethod().getName() + " */ ";
    }
}
