package io.mailsync.gateway.api.messages;

import io.mailsync.gateway.mailbox.Address;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mailbox address on the wire. */
@Schema(name = "EmailAddress")
public record AddressJson(@Schema(nullable = true, description = "Display name, decoded") String name,
                          @Schema(nullable = true) String email) {

    static AddressJson of(Address a) {
        return a == null ? null : new AddressJson(a.name(), a.email());
    }

    static List<AddressJson> of(List<Address> list) {
        return list.stream().map(AddressJson::of).toList();
    }
}
