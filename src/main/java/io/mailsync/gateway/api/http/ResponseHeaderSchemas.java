package io.mailsync.gateway.api.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Gives every documented response header without a schema a string schema, because OpenAPI requires
 * one and client generators and linters reject the contract without it; headers that declare a schema
 * keep theirs.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ResponseHeaderSchemas implements OASFilter {

    @Override
    public Header filterHeader(Header header) {
        if (header.getRef() == null && header.getSchema() == null && header.getContent() == null) {
            header.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
        return header;
    }
}
