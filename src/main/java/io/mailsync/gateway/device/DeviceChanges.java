package io.mailsync.gateway.device;

/**
 * A re-configuration of a registered device, once its fields are valid: each null field stays as it is.
 * {@code mode} may only repeat the device's mode: a device never switches between IMAP and POP3.
 */
public record DeviceChanges(String name, DeviceMode mode, Pop3Policy pop3Policy, boolean acceptMixedModeRisk) {
}
