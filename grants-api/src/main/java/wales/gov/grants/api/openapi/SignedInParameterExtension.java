package wales.gov.grants.api.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import jakarta.ws.rs.Consumes;

/**
 * The signed-in principal ({@code @Auth}) is not part of the request: without this, swagger reads it as the
 * request body, and the real body is lost. Who is signed in is the operation's security requirement instead.
 */
final class SignedInParameterExtension extends AbstractOpenAPIExtension {
    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes,
                                               Consumes methodConsumes, boolean includeRequestBody,
                                               JsonView jsonViewAnnotation, Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(annotation -> annotation instanceof Auth)) {
            return new ResolvedParameter();
        }
        return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonViewAnnotation, chain);
    }
}
