package io.mailsync.gateway.device;

/** A device just registered, with its token in clear: the only moment the token exists outside the device. */
public record RegisteredDevice(Device device, String token) {
    @Override
    public String toString() {
        return "RegisteredDevice[device=" + device + ", token=***]";
    }
}
