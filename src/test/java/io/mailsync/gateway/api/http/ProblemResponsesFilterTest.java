package io.mailsync.gateway.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

/** Which answers of an operation the shared problem+json documentation fills in, and which it leaves alone. */
class ProblemResponsesFilterTest {

    private final APIResponses responses = OASFactory.createAPIResponses();
    private final OpenAPI document = OASFactory.createOpenAPI()
            .components(OASFactory.createComponents().addSchema("Problem", OASFactory.createSchema()))
            .paths(OASFactory.createPaths().addPathItem("/api/v1/accounts/{accountId}", OASFactory.createPathItem()
                    .GET(OASFactory.createOperation().operationId("getAccount").responses(responses))));

    @Test
    void errorAnswersWithoutABodyGetTheProblemBody() {
        responses.addAPIResponse("404", answer("No such account")).addAPIResponse("504", answer("Too slow"));

        new ProblemResponsesFilter().filterOpenAPI(document);

        for (String code : new String[] {"404", "504"}) {
            Content content = responses.getAPIResponse(code).getContent();
            assertEquals(1, content.getMediaTypes().size(), code);
            assertEquals("#/components/schemas/Problem",
                    content.getMediaType(Problem.MEDIA_TYPE).getSchema().getRef(), code);
        }
        assertEquals("No such account", responses.getAPIResponse("404").getDescription());
    }

    @Test
    void successRedirectionAndErrorsWithTheirOwnBodyStayAsDocumented() {
        Content own = OASFactory.createContent().addMediaType("text/plain",
                OASFactory.createMediaType().schema(OASFactory.createSchema()));
        responses.addAPIResponse("204", answer("Removed"))
                .addAPIResponse("304", answer("Unchanged"))
                .addAPIResponse("406", answer("Not acceptable").content(own));

        new ProblemResponsesFilter().filterOpenAPI(document);

        assertNull(responses.getAPIResponse("204").getContent());
        assertNull(responses.getAPIResponse("304").getContent());
        assertSame(own, responses.getAPIResponse("406").getContent());
        assertTrue(own.hasMediaType("text/plain") && !own.hasMediaType(Problem.MEDIA_TYPE));
    }

    @Test
    void aDocumentWithoutTheProblemSchemaFailsTheBuildInsteadOfPointingNowhere() {
        responses.addAPIResponse("404", answer("No such account"));
        document.getComponents().removeSchema("Problem");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new ProblemResponsesFilter().filterOpenAPI(document));
        assertTrue(failure.getMessage().contains("@Schema"), failure.getMessage());
    }

    private static APIResponse answer(String description) {
        return OASFactory.createAPIResponse().description(description);
    }
}
