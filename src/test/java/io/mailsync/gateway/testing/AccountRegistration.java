package io.mailsync.gateway.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One registration of an upstream account over {@code POST /api/v1/accounts}, as the operator sends it: a
 * password login on an IMAP server (127.0.0.1 without TLS unless told otherwise), with SMTP and POP3 when
 * given. Tests say only what differs from that plain account.
 */
public final class AccountRegistration {

    /** The operator token the test profile configures. */
    public static final String OPERATOR_TOKEN = "test-operator-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String username;
    private final String password;
    private String email;
    private Map<String, Object> imap = endpoint("127.0.0.1", 0, "NONE");
    private Map<String, Object> smtp;
    private Map<String, Object> pop3;
    private String token = OPERATOR_TOKEN;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private AccountRegistration(String username, String password) {
        this.username = username;
        this.password = password;
        this.email = username.contains("@") ? username : username + "@example.test";
    }

    /** A password account whose email is the login, or {@code login@example.test} when the login is no address. */
    public static AccountRegistration of(String login, String password) {
        return new AccountRegistration(login, password);
    }

    public AccountRegistration email(String address) {
        this.email = address;
        return this;
    }

    /** IMAP on 127.0.0.1 at this port, without TLS. */
    public AccountRegistration imap(int port) {
        return imap("127.0.0.1", port, "NONE");
    }

    /** IMAP on this host and port, without TLS. */
    public AccountRegistration imap(String host, int port) {
        return imap(host, port, "NONE");
    }

    public AccountRegistration imap(String host, int port, String security) {
        this.imap = endpoint(host, port, security);
        return this;
    }

    /** SMTP submission on 127.0.0.1 at this port, without TLS. */
    public AccountRegistration smtp(int port) {
        return smtp("127.0.0.1", port, "NONE");
    }

    public AccountRegistration smtp(String host, int port, String security) {
        this.smtp = endpoint(host, port, security);
        return this;
    }

    /** POP3 on 127.0.0.1 at this port, without TLS. */
    public AccountRegistration pop3(int port) {
        return pop3("127.0.0.1", port, "NONE");
    }

    public AccountRegistration pop3(String host, int port, String security) {
        this.pop3 = endpoint(host, port, security);
        return this;
    }

    /** Sends the registration without any bearer token, as a caller who is not the operator. */
    public AccountRegistration withoutToken() {
        this.token = null;
        return this;
    }

    /** A further request header, e.g. {@code Idempotency-Key} or a request id. */
    public AccountRegistration header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The request body, for callers that send it another way than RestAssured. */
    public String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("username", username);
        body.put("password", password);
        body.put("imap", imap);
        if (smtp != null) {
            body.put("smtp", smtp);
        }
        if (pop3 != null) {
            body.put("pop3", pop3);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the registration and answers the response, whatever its status, for tests that check the answer. */
    public Response post() {
        RequestSpecification request = token == null ? given() : given().auth().oauth2(token);
        headers.forEach(request::header);
        return request.contentType(ContentType.JSON).body(json()).when().post("/api/v1/accounts");
    }

    /** Sends the registration, expects 201 Created and answers the new account's id. */
    public UUID register() {
        String id = post().then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private static Map<String, Object> endpoint(String host, int port, String security) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("host", host);
        endpoint.put("port", port);
        endpoint.put("security", security);
        return endpoint;
    }
}
