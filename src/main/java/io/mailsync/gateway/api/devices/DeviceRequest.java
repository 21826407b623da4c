package io.mailsync.gateway.api.devices;

import io.mailsync.gateway.api.http.NoControlCharacters;
import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.NewDevice;
import io.mailsync.gateway.device.Pop3DeletePolicy;
import io.mailsync.gateway.device.Pop3Policy;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /accounts/{accountId}/devices}: the device to register. */
@DeviceRequest.ConsistentPolicy
@Schema(name = "DeviceRequest", description = "A device to register; pop3Policy only for POP3 devices.")
public record DeviceRequest(
        @NotBlank @Size(max = 100) @NoControlCharacters @Schema(example = "Mika's phone") String name,
        @NotBlank @Size(max = 40) @NoControlCharacters @Schema(example = "ios") String platform,
        @NotNull DeviceMode mode,
        @Valid Pop3PolicyRequest pop3Policy,
        @Schema(description = "Register a POP3 device that deletes from the server even though the account has "
                + "IMAP devices (or the reverse), accepting that they will miss that mail.", defaultValue = "false")
        Boolean acceptMixedModeRisk) {

    /** When a POP3 device's downloads leave the upstream server. */
    @Schema(name = "Pop3Policy")
    public record Pop3PolicyRequest(
            @NotNull Pop3DeletePolicy deleteFromServer,
            @Min(1) @Max(3650) @Schema(description = "Days to leave mail on the server; required for AFTER_DAYS")
            Integer days) {
    }

    NewDevice toNewDevice() {
        Pop3Policy policy = pop3Policy == null ? null : new Pop3Policy(pop3Policy.deleteFromServer(), pop3Policy.days());
        return new NewDevice(name.strip(), platform.strip(), mode, policy, Boolean.TRUE.equals(acceptMixedModeRisk));
    }

    /** A POP3 policy only on POP3 devices, and days exactly with AFTER_DAYS; reported on the field at fault. */
    @Constraint(validatedBy = ConsistentPolicy.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface ConsistentPolicy {
        String message() default "inconsistent POP3 policy";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Checks the policy against the mode and the days against the policy. */
        class Validator implements ConstraintValidator<ConsistentPolicy, DeviceRequest> {
            @Override
            public boolean isValid(DeviceRequest request, ConstraintValidatorContext context) {
                if (request == null || request.pop3Policy() == null) {
                    return true;
                }
                if (request.mode() == DeviceMode.IMAP) {
                    return fail(context, "pop3Policy", "is only for POP3 devices");
                }
                Pop3PolicyRequest policy = request.pop3Policy();
                if (policy.deleteFromServer() == Pop3DeletePolicy.AFTER_DAYS && policy.days() == null) {
                    return fail(context, "pop3Policy.days", "is required when deleteFromServer is AFTER_DAYS");
                }
                if (policy.deleteFromServer() != null && policy.deleteFromServer() != Pop3DeletePolicy.AFTER_DAYS
                        && policy.days() != null) {
                    return fail(context, "pop3Policy.days", "goes only with deleteFromServer AFTER_DAYS");
                }
                return true;
            }

            private static boolean fail(ConstraintValidatorContext context, String field, String message) {
                context.disableDefaultConstraintViolation();
                var builder = context.buildConstraintViolationWithTemplate(message);
                String[] parts = field.split("\\.");
                var node = builder.addPropertyNode(parts[0]);
                for (int i = 1; i < parts.length; i++) {
                    node = node.addPropertyNode(parts[i]);
                }
                node.addConstraintViolation();
                return false;
            }
        }
    }
}
