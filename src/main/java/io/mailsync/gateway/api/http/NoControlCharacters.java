package io.mailsync.gateway.api.http;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refuses CR, LF, NUL and every other control character: user strings reach IMAP, POP3 and SMTP
 * commands, where a line break would start a command of the caller's choosing.
 */
@Documented
@Constraint(validatedBy = NoControlCharacters.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoControlCharacters {
    String message() default "must not contain control characters such as line breaks";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the value; null is left to {@code @NotNull}. */
    class Validator implements ConstraintValidator<NoControlCharacters, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isClean(value);
        }

        public static boolean isClean(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    return false;
                }
            }
            return true;
        }
    }
}
