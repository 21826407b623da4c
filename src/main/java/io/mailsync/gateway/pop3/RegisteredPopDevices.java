package io.mailsync.gateway.pop3;

import io.mailsync.gateway.device.Device;
import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.DeviceService;
import io.mailsync.gateway.device.DeviceTokens;
import io.mailsync.gateway.device.Pop3Policy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The POP model's device port onto device registration: POP3-mode devices, their tokens and policies.
 * Its callers include POP3 session threads, which have no request of their own: each call gets one.
 */
@ApplicationScoped
@ActivateRequestContext
public class RegisteredPopDevices implements PopDevices {

    private final DeviceService devices;
    private final DeviceTokens tokens;

    RegisteredPopDevices(DeviceService devices, DeviceTokens tokens) {
        this.devices = devices;
        this.tokens = tokens;
    }

    @Override
    public Optional<PopDevice> authenticate(UUID deviceId, String token) {
        return tokens.authenticate(deviceId, token)
                .filter(d -> d.mode() == DeviceMode.POP3)
                .flatMap(d -> devices.find(d.accountId(), d.deviceId()))
                .map(RegisteredPopDevices::popDevice);
    }

    @Override
    public List<PopDevice> ofAccount(UUID accountId) {
        return devices.list(accountId).orElse(List.of()).stream()
                .filter(d -> d.mode() == DeviceMode.POP3)
                .map(RegisteredPopDevices::popDevice)
                .toList();
    }

    @Override
    public boolean hasImapDevices(UUID accountId) {
        return devices.list(accountId).orElse(List.of()).stream().anyMatch(d -> d.mode() == DeviceMode.IMAP);
    }

    static PopDevice popDevice(Device d) {
        return new PopDevice(d.id(), d.accountId(), d.name(), policy(d.pop3Policy()));
    }

    static ServerPolicy policy(Pop3Policy policy) {
        if (policy == null) {
            return ServerPolicy.KEEP;
        }
        return new ServerPolicy(DeleteFromServer.valueOf(policy.deleteFromServer().name()), policy.days());
    }
}
