package io.mailsync.gateway.device;

import io.mailsync.gateway.account.AccountNotFound;
import io.mailsync.gateway.config.MailsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Registers, lists, re-configures and revokes an account's devices; the only way in and out of the device table. */
@ApplicationScoped
@Transactional
public class DeviceService {

    private final EntityManager em;
    private final MailsyncConfig config;
    private final Event<DeviceRevoked> revoked;
    private final MixedModeCheck mixedMode;

    DeviceService(EntityManager em, MailsyncConfig config, Event<DeviceRevoked> revoked, MixedModeCheck mixedMode) {
        this.em = em;
        this.config = config;
        this.revoked = revoked;
        this.mixedMode = mixedMode;
    }

    /**
     * Registers a device and gives it a fresh token, returned here only.
     *
     * @throws AccountNotFound if the account does not exist
     * @throws DeviceLimitReached if it has as many devices as allowed
     * @throws MixedModeRefused if the device would mix IMAP with deleting POP devices and the risk is not accepted
     */
    public RegisteredDevice register(UUID accountId, NewDevice request) {
        if (!accountExists(accountId)) {
            throw new AccountNotFound();
        }
        long count = DeviceEntity.count("accountId", accountId);
        int max = config.devices().maxPerAccount();
        if (count >= max) {
            throw new DeviceLimitReached(max);
        }
        if (!request.acceptMixedModeRisk()) {
            mixedMode.refusal(request.mode() == DeviceMode.POP3,
                    request.pop3Policy() != null && request.pop3Policy().deletesFromServer(),
                    DeviceEntity.count("accountId = ?1 and mode = ?2", accountId, DeviceMode.IMAP),
                    DeviceEntity.count("accountId = ?1 and mode = ?2 and pop3DeleteFromServer <> ?3", accountId,
                            DeviceMode.POP3, Pop3DeletePolicy.NEVER))
                    .ifPresent(reason -> {
                        throw new MixedModeRefused(reason);
                    });
        }
        String token = DeviceTokens.newToken();
        DeviceEntity device = new DeviceEntity();
        device.id = UUID.randomUUID();
        device.accountId = accountId;
        device.name = request.name();
        device.platform = request.platform();
        device.mode = request.mode();
        if (request.pop3Policy() != null) {
            device.pop3DeleteFromServer = request.pop3Policy().deleteFromServer();
            device.pop3DeleteAfterDays = request.pop3Policy().days();
        }
        device.acceptMixedModeRisk = request.acceptMixedModeRisk();
        device.tokenHash = DeviceTokens.hash(token);
        device.createdAt = Instant.now();
        device.persist();
        return new RegisteredDevice(device.toDevice(), token);
    }

    /**
     * Re-configures a device: its name and, for a POP3 device, its server policy. A new policy meets the
     * mixed-mode rule of registration, counting the account's other devices; a rename alone does not.
     * A device keeps its mode: an IMAP device's shared view and a POP3 maildrop cannot turn into each other,
     * so a change of mode is refused (register a new device instead).
     *
     * @return the device as it is now, or empty when the account has no such device
     * @throws ModeChangeRefused if the changes ask for another mode
     * @throws Pop3PolicyOnImapDevice if they give a POP3 policy to an IMAP device
     * @throws MixedModeRefused if the new policy would make a risky mix and the risk is not accepted
     */
    public Optional<Device> reconfigure(UUID accountId, UUID deviceId, DeviceChanges changes) {
        DeviceEntity device = em.find(DeviceEntity.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
        if (device == null || !device.accountId.equals(accountId)) {
            return Optional.empty();
        }
        if (changes.mode() != null && changes.mode() != device.mode) {
            throw new ModeChangeRefused(device.mode, changes.mode());
        }
        if (changes.pop3Policy() != null && device.mode != DeviceMode.POP3) {
            throw new Pop3PolicyOnImapDevice();
        }
        Pop3Policy policy = changes.pop3Policy();
        if (policy != null && !changes.acceptMixedModeRisk()) {
            mixedMode.refusal(true, policy.deletesFromServer(),
                    DeviceEntity.count("accountId = ?1 and mode = ?2 and id <> ?3", accountId, DeviceMode.IMAP, deviceId),
                    DeviceEntity.count("accountId = ?1 and mode = ?2 and pop3DeleteFromServer <> ?3 and id <> ?4",
                            accountId, DeviceMode.POP3, Pop3DeletePolicy.NEVER, deviceId))
                    .ifPresent(reason -> {
                        throw new MixedModeRefused(reason.replace("register with", "re-configure with"));
                    });
        }
        if (changes.name() != null) {
            device.name = changes.name();
        }
        if (changes.pop3Policy() != null) {
            device.pop3DeleteFromServer = changes.pop3Policy().deleteFromServer();
            device.pop3DeleteAfterDays = changes.pop3Policy().days();
        }
        if (policy != null || changes.acceptMixedModeRisk()) {
            // the stored flag tells whether the device's current policy was accepted despite the risk
            device.acceptMixedModeRisk = changes.acceptMixedModeRisk();
        }
        return Optional.of(device.toDevice());
    }

    /** The account's devices in registration order, or empty when the account does not exist. */
    @Transactional(TxType.SUPPORTS)
    public Optional<List<Device>> list(UUID accountId) {
        if (!accountExists(accountId)) {
            return Optional.empty();
        }
        List<DeviceEntity> devices = DeviceEntity.list("accountId = ?1 order by createdAt, id", accountId);
        return Optional.of(devices.stream().map(DeviceEntity::toDevice).toList());
    }

    @Transactional(TxType.SUPPORTS)
    public Optional<Device> find(UUID accountId, UUID deviceId) {
        return DeviceEntity.<DeviceEntity>findByIdOptional(deviceId)
                .filter(d -> d.accountId.equals(accountId))
                .map(DeviceEntity::toDevice);
    }

    /**
     * Which of these devices still exist (are not revoked), in one query per thousand: the change streams of every
     * replica ask it at each heartbeat, so that a revocation handled by another replica ends their streams too.
     */
    @Transactional
    public Set<UUID> existing(Collection<UUID> deviceIds) {
        List<UUID> ids = List.copyOf(new HashSet<>(deviceIds));
        Set<UUID> found = new HashSet<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            found.addAll(em.createQuery("select d.id from DeviceEntity d where d.id in :ids", UUID.class)
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))
                    .getResultList());
        }
        return found;
    }

    /** Revokes the device: its token stops working on every replica within the token cache's lifetime. */
    public boolean revoke(UUID accountId, UUID deviceId) {
        long deleted = DeviceEntity.delete("id = ?1 and accountId = ?2", deviceId, accountId);
        if (deleted == 0) {
            return false;
        }
        revoked.fire(new DeviceRevoked(deviceId, accountId));
        return true;
    }

    /**
     * Remembers that the device has seen the account's changes up to {@code sequence} (the cursor it sent);
     * never moves the remembered cursor backwards.
     */
    public void acknowledge(UUID deviceId, long sequence) {
        em.createNativeQuery("update device set last_cursor_seq = ?1 where id = ?2"
                        + " and (last_cursor_seq is null or last_cursor_seq < ?1)")
                .setParameter(1, sequence).setParameter(2, deviceId).executeUpdate();
    }

    /** Records when the device was last seen; callers throttle it, so it is not a write per request. */
    public void recordActivity(UUID deviceId, Instant at) {
        em.createNativeQuery("update device set last_activity_at = ?1 where id = ?2"
                        + " and (last_activity_at is null or last_activity_at < ?1)")
                .setParameter(1, at).setParameter(2, deviceId).executeUpdate();
    }

    /** The device a token hash belongs to, for {@link DeviceTokens}. */
    @Transactional(TxType.SUPPORTS)
    Optional<AuthenticatedDevice> findByTokenHash(byte[] tokenHash) {
        return DeviceEntity.<DeviceEntity>find("tokenHash", tokenHash).firstResultOptional()
                .map(d -> new AuthenticatedDevice(d.id, d.accountId, d.mode));
    }

    /** The device with this id and its stored token hash, for a login that names the device. */
    @Transactional(TxType.SUPPORTS)
    Optional<DeviceEntity> findById(UUID deviceId) {
        return DeviceEntity.findByIdOptional(deviceId);
    }

    private boolean accountExists(UUID accountId) {
        return !em.createNativeQuery("select 1 from account where id = ?1")
                .setParameter(1, accountId).getResultList().isEmpty();
    }
}
