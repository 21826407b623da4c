package io.mailsync.gateway.api.http;

/** Thrown by resources and services to answer with a specific problem. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalidField(field, message));
    }

    public Problem problem() {
        return problem;
    }
}
