package io.mailsync.gateway.api.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    @Test
    void requestWithoutTokenGetsProblem401() {
        given().when().get("/api/v1/accounts")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Authentication required"));
    }

    @Test
    void unknownTokenIsRefused() {
        given().auth().oauth2("not-the-operator-token").when().get("/api/v1/accounts")
                .then().statusCode(401).body("detail", not(containsString("test-operator-token")));
    }

    @Test
    void unknownPathAnswersProblem404() {
        given().auth().oauth2("test-operator-token").when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void livenessNeedsNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
