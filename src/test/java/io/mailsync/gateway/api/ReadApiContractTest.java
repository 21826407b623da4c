package io.mailsync.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The read operations appear in the served contract with names a generated client can use. */
@QuarkusTest
class ReadApiContractTest {

    @Test
    void readOperationsHaveStableIdsAndProblemErrors() {
        String base = "paths.'/api/v1/accounts/{accountId}";
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body(base + "/folders'.get.operationId", equalTo("listFolders"))
                .body(base + "/messages'.get.operationId", equalTo("listMessages"))
                .body(base + "/messages/{messageId}'.get.operationId", equalTo("getMessage"))
                .body(base + "/messages/{messageId}/raw'.get.operationId", equalTo("downloadRawMessage"))
                .body(base + "/messages/{messageId}/attachments/{attachmentId}'.get.operationId",
                        equalTo("downloadAttachment"))
                .body(base + "/messages'.get.responses.'400'.content", hasKey("application/problem+json"))
                .body(base + "/messages/{messageId}'.get.responses.'504'.content", hasKey("application/problem+json"))
                .body("components.schemas.MessageSummary.properties.hasAttachments", notNullValue())
                .body("components.schemas.MessageDetail.properties.attachments", notNullValue())
                .body("components.schemas.Folder.properties.unread", notNullValue());
    }
}
