package wales.gov.grants.kernel;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Input that is well-formed JSON but not acceptable, field by field. */
public class ValidationException extends DomainException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        return errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are not valid";
    }

    public record FieldError(String field, String message) {
        public FieldError {
            requireNonNull(field, "field is null");
            requireNonNull(message, "message is null");
        }
    }
}
