package io.mailsync.gateway.api.accounts;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A mail server's address: a DNS host name or an IPv4 or IPv6 literal (no brackets), at most 253 characters. */
@Documented
@Constraint(validatedBy = HostName.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface HostName {
    String message() default "must be a host name or an IP address of at most 253 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks syntax only; no name is looked up. Null is left to {@code @NotNull}. */
    class Validator implements ConstraintValidator<HostName, String> {
        private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
        private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isHostName(value);
        }

        public static boolean isHostName(String host) {
            if (host.isEmpty() || host.length() > 253) {
                return false;
            }
            if (host.indexOf(':') >= 0) {
                if (!IPV6_CHARS.matcher(host).matches()) {
                    return false;
                }
                try {
                    // a string with a colon is parsed as an IPv6 literal, never looked up
                    InetAddress.getByName(host);
                    return true;
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if (IPV4.matcher(host).matches()) {
                return true;
            }
            String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            String[] labels = name.split("\\.", -1);
            for (String label : labels) {
                if (!LABEL.matcher(label).matches()) {
                    return false;
                }
            }
            // 10.0.0.300 is not a name: a top-level label is never all digits
            return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
        }
    }
}
