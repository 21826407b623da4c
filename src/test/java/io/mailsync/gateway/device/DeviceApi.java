package io.mailsync.gateway.device;

import static io.restassured.RestAssured.given;

import io.mailsync.gateway.testing.AccountRegistration;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Registers devices over the REST API as the operator, the way a product backend would. */
public final class DeviceApi {
    public static final String OPERATOR = AccountRegistration.OPERATOR_TOKEN;

    private DeviceApi() {
    }

    /** A registered device: its id and its token. */
    public record Registered(UUID id, String token) {
    }

    public static RequestSpecification operator() {
        return given().auth().oauth2(OPERATOR);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    public static Registered register(UUID accountId, String name) {
        var body = operator().contentType(ContentType.JSON)
                .body(Map.of("name", name, "platform", "android", "mode", "IMAP"))
                .post("/api/v1/accounts/" + accountId + "/devices")
                .then().statusCode(201).extract().jsonPath();
        return new Registered(UUID.fromString(body.getString("id")), body.getString("token"));
    }
}
