package io.mailsync.gateway.api.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every error the API answers is problem+json (see {@link ProblemMappers}), so the contract says so once, here:
 * each 4xx and 5xx response a resource documents without a body gets the {@link Problem} body, and the
 * resources' {@code @APIResponse} annotations keep only the code and why it happens. A response that
 * documents a body of its own keeps it. Runs when the document is built, so the served document is the
 * one built with the application.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    /** The name the scanner gives {@link Problem} among the components (it carries {@code @Schema}). */
    static final String PROBLEM_SCHEMA = Problem.class.getSimpleName();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean described = false;
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
                    if (isError(answer.getKey()) && hasNoBody(answer.getValue())) {
                        answer.getValue().setContent(problemBody());
                        described = true;
                    }
                }
            }
        }
        if (described && !problemSchemaRegistered(openAPI.getComponents())) {
            throw new IllegalStateException("error responses refer to the " + PROBLEM_SCHEMA
                    + " schema, but it is not among the components: Problem must keep its @Schema annotation");
        }
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    private static boolean hasNoBody(APIResponse response) {
        return response.getRef() == null && (response.getContent() == null
                || response.getContent().getMediaTypes() == null || response.getContent().getMediaTypes().isEmpty());
    }

    private static Content problemBody() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA)));
    }

    private static boolean problemSchemaRegistered(Components components) {
        return components != null && components.getSchemas() != null && components.getSchemas().containsKey(PROBLEM_SCHEMA);
    }
}
