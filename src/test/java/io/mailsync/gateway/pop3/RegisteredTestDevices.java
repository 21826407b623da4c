package io.mailsync.gateway.pop3;

import io.mailsync.gateway.device.DeviceMode;
import io.mailsync.gateway.device.DeviceService;
import io.mailsync.gateway.device.NewDevice;
import io.mailsync.gateway.device.Pop3DeletePolicy;
import io.mailsync.gateway.device.Pop3Policy;
import io.mailsync.gateway.device.RegisteredDevice;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Registers real devices for the POP model's tests, through the device service (the operator's registration). */
@ApplicationScoped
public class RegisteredTestDevices {

    /** A registered POP device and its token, as registration answers once. */
    public record Registered(PopDevice device, String token) {
        public UUID id() {
            return device.id();
        }
    }

    private final DeviceService devices;

    RegisteredTestDevices(DeviceService devices) {
        this.devices = devices;
    }

    /** A POP device; the mixed-mode risk is accepted, so that tests can build mixed accounts. */
    public Registered registerPop(UUID accountId, String name, ServerPolicy policy) {
        Pop3Policy pop3Policy = new Pop3Policy(Pop3DeletePolicy.valueOf(policy.deleteFromServer().name()), policy.days());
        RegisteredDevice registered = devices.register(accountId,
                new NewDevice(name, "test", DeviceMode.POP3, pop3Policy, true));
        return new Registered(RegisteredPopDevices.popDevice(registered.device()), registered.token());
    }

    public void registerImap(UUID accountId) {
        registerImapWithToken(accountId);
    }

    /** An IMAP device; answers its token. */
    public String registerImapWithToken(UUID accountId) {
        return devices.register(accountId, new NewDevice("imap phone", "test", DeviceMode.IMAP, null, true)).token();
    }
}
