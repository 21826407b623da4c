package io.mailsync.gateway.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into problem+json; never a stack trace or a class name on the wire. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e instanceof IdempotentPosts.RetryLater) {
            return Response.fromResponse(response(e.problem())).header("Retry-After", "1").build();
        }
        return response(e.problem());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return response(Problem.invalid(detail, errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            // never the rejected value: it may be a secret
            String message = "has the wrong type or format";
            if (e instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (e instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                        .map(String::valueOf).collect(Collectors.joining(", "));
            }
            List<Problem.FieldError> errors = List.of(new Problem.FieldError(field, message));
            return response(Problem.invalid(field + ": " + message, errors));
        }
        return response(Problem.of(ProblemType.MALFORMED, "request body is not well-formed JSON"));
    }

    /** Declared apart so that it wins over the JSON provider's own mapper, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /** Upstream failures, translated once by the adapters: 422 login refused, 502, 503, 504. */
    @ServerExceptionMapper
    public Response upstream(UpstreamException e) {
        ProblemType type = switch (e.kind()) {
            case AUTH_FAILED -> ProblemType.UPSTREAM_AUTH_FAILED;
            case REFUSED -> ProblemType.UPSTREAM_FAILED;
            case TIMEOUT -> ProblemType.UPSTREAM_TIMEOUT;
            case UNAVAILABLE -> ProblemType.UPSTREAM_UNAVAILABLE;
        };
        return response(Problem.of(type, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            return response(Problem.of(ProblemType.NOT_FOUND, "no such resource"));
        }
        if (e instanceof NotAllowedException) {
            return response(Problem.of(ProblemType.METHOD_NOT_ALLOWED, "method not allowed on this resource"));
        }
        if (e instanceof NotSupportedException) {
            return response(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json"));
        }
        if (e instanceof NotAcceptableException) {
            return response(Problem.of(ProblemType.NOT_ACCEPTABLE, "no acceptable representation"));
        }
        if (status == 413) {
            return response(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "request body too large"));
        }
        if (status >= 400 && status < 500) {
            Problem problem = new Problem(Problem.of(ProblemType.MALFORMED, "").type(),
                    e.getResponse().getStatusInfo().getReasonPhrase(), status, "the request was not accepted", null);
            return response(problem);
        }
        LOG.errorf("request failed with status %d: %s", status, e.getClass().getSimpleName());
        return response(Problem.of(ProblemType.INTERNAL, "the gateway could not complete the request"));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure while serving a request", e);
        return response(Problem.of(ProblemType.INTERNAL, "the gateway could not complete the request"));
    }

    private static String fieldPath(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        boolean first = true;
        for (Path.Node node : violation.getPropertyPath()) {
            // the path starts with the method and parameter name: keep what a client can recognise
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && first) {
                first = false;
                String name = node.getName();
                if (!"body".equals(name) && !name.startsWith("arg") && !"request".equals(name)) {
                    parts.add(name);
                }
                continue;
            }
            first = false;
            if (node.getIndex() != null) {
                parts.add(node.getName() + "[" + node.getIndex() + "]");
            } else if (node.getName() != null) {
                parts.add(node.getName());
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }
}
