package io.mailsync.gateway.api.accounts;

import io.mailsync.gateway.account.AuthKind;
import io.mailsync.gateway.account.NewAccount;
import io.mailsync.gateway.account.Security;
import io.mailsync.gateway.account.UpstreamEndpoint;
import io.mailsync.gateway.account.UpstreamLogin;
import io.mailsync.gateway.api.http.NoControlCharacters;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

/** Body of {@code POST /accounts}: the upstream login and where to use it. */
@AccountRequest.OneSecret
@Schema(name = "AccountRequest", description = "An upstream account to register; give password or oauth2Token.")
public record AccountRequest(
        @NotBlank @Size(max = 320) @Email @NoControlCharacters String email,
        @NotBlank @Size(max = 320) @NoControlCharacters String username,
        @Size(min = 1, max = 1024) @NoControlCharacters
        @Schema(writeOnly = true, description = "Upstream password; stored encrypted, never returned.")
        String password,
        @Size(min = 1, max = 8192) @NoControlCharacters
        @Schema(writeOnly = true, description = "OAuth2 access token (SASL XOAUTH2) in place of a password.")
        String oauth2Token,
        @NotNull @Valid EndpointRequest imap,
        @Valid EndpointRequest smtp,
        @Valid EndpointRequest pop3) {

    /** Where one upstream service listens. */
    @Schema(name = "EndpointRequest")
    public record EndpointRequest(
            @NotNull @HostName @Schema(example = "imap.example.com") String host,
            @NotNull @Min(1) @Max(65535) @Schema(example = "993") Integer port,
            @NotNull Security security) {

        UpstreamEndpoint toEndpoint() {
            return new UpstreamEndpoint(host, port, security);
        }
    }

    /** The service's view of the request, once valid. */
    NewAccount toNewAccount() {
        UpstreamLogin login = password != null
                ? new UpstreamLogin(username, password, AuthKind.PASSWORD)
                : new UpstreamLogin(username, oauth2Token, AuthKind.OAUTH2);
        return new NewAccount(email, login, imap.toEndpoint(), smtp == null ? null : smtp.toEndpoint(),
                pop3 == null ? null : pop3.toEndpoint());
    }

    @Override
    public String toString() {
        return "AccountRequest[email=" + email + ", username=" + username + ", secret=***, imap=" + imap
                + ", smtp=" + smtp + ", pop3=" + pop3 + "]";
    }

    /** Exactly one of password and oauth2Token; reported on the {@code password} field. */
    @Constraint(validatedBy = OneSecret.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface OneSecret {
        String message() default "give exactly one of password and oauth2Token";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Counts the secrets given. */
        class Validator implements ConstraintValidator<OneSecret, AccountRequest> {
            @Override
            public boolean isValid(AccountRequest request, ConstraintValidatorContext context) {
                if (request == null || (request.password() == null) != (request.oauth2Token() == null)) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("password").addConstraintViolation();
                return false;
            }
        }
    }
}
