package io.mailsync.gateway.device;

/** A device to register, once its fields are valid; {@code pop3Policy} is null for IMAP devices. */
public record NewDevice(String name, String platform, DeviceMode mode, Pop3Policy pop3Policy,
                        boolean acceptMixedModeRisk) {
}
