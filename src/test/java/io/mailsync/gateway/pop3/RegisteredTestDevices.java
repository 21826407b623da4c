package io.mailsync.gateway.pop3;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device registration for the POP model's tests while the devices area is not on main: POP devices
 * with a random token each, and IMAP devices as bare ids.
 */
@Alternative
@Priority(1)
@Singleton
public class RegisteredTestDevices implements PopDevices {

    /** A registered POP device and its token, as registration would answer once. */
    public record Registered(PopDevice device, String token) {
        public UUID id() {
            return device.id();
        }
    }

    private final Map<UUID, Registered> pop = new ConcurrentHashMap<>();
    private final Set<UUID> accountsWithImapDevices = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    public Registered registerPop(UUID accountId, String name, ServerPolicy policy) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Registered registered = new Registered(new PopDevice(UUID.randomUUID(), accountId, name, policy),
                HexFormat.of().formatHex(bytes));
        pop.put(registered.id(), registered);
        return registered;
    }

    public void registerImap(UUID accountId) {
        accountsWithImapDevices.add(accountId);
    }

    @Override
    public Optional<PopDevice> authenticate(UUID deviceId, String token) {
        Registered r = pop.get(deviceId);
        if (r == null || token == null || !MessageDigest.isEqual(r.token().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(r.device());
    }

    @Override
    public List<PopDevice> ofAccount(UUID accountId) {
        return pop.values().stream().map(Registered::device).filter(d -> d.accountId().equals(accountId)).toList();
    }

    @Override
    public boolean hasImapDevices(UUID accountId) {
        return accountsWithImapDevices.contains(accountId);
    }
}
