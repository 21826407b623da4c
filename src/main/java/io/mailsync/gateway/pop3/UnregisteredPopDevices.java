package io.mailsync.gateway.pop3;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stands in for device registration where none is deployed: no POP device exists, so none can log in. */
@ApplicationScoped
@DefaultBean
public class UnregisteredPopDevices implements PopDevices {

    @Override
    public Optional<PopDevice> authenticate(UUID deviceId, String token) {
        return Optional.empty();
    }

    @Override
    public List<PopDevice> ofAccount(UUID accountId) {
        return List.of();
    }

    @Override
    public boolean hasImapDevices(UUID accountId) {
        return false;
    }
}
