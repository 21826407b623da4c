package io.mailsync.gateway.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error the API answers. {@code @Schema} puts it among the
 * contract's components, where {@link ProblemResponsesFilter} points every error response.
 */
@Schema
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://mailsync.io/problems/";

    /** One invalid input: where it is ({@code imap.port}, {@code query.limit}) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(TYPE_BASE + type.slug(), type.title(), type.status(), detail, null);
    }

    /** One invalid input, named by where it is and what is wrong with it. */
    public static Problem invalidField(String field, String message) {
        return invalid(field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        ProblemType type = ProblemType.VALIDATION;
        return new Problem(TYPE_BASE + type.slug(), type.title(), type.status(), detail, errors);
    }
}
