package io.mailsync.gateway.pop3;

import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The POP model's maildrops opened for POP3 sessions: the POP3 server's port onto {@link PopMaildrops}. */
@ApplicationScoped
class SessionMaildrops implements PopMailboxes {

    private static final Logger LOG = Logger.getLogger(SessionMaildrops.class);

    private final PopDevices devices;
    private final PopMaildrops maildrops;

    SessionMaildrops(PopDevices devices, PopMaildrops maildrops) {
        this.devices = devices;
        this.maildrops = maildrops;
    }

    @Override
    public Optional<PopDevice> authenticate(UUID deviceId, String token) {
        return devices.authenticate(deviceId, token);
    }

    @Override
    public PopMailbox open(PopDevice device) {
        List<PopMailbox.Entry> messages = maildrops.refresh(device).stream()
                .map(m -> new PopMailbox.Entry(m.id(), m.size(), m.uidl()))
                .toList();
        return new Opened(device, messages);
    }

    /** One device's maildrop for the length of one session. */
    private final class Opened implements PopMailbox {

        private final PopDevice device;
        private final List<Entry> messages;

        Opened(PopDevice device, List<Entry> messages) {
            this.device = device;
            this.messages = messages;
        }

        @Override
        public List<Entry> messages() {
            return messages;
        }

        @Override
        public byte[] retrieve(UUID messageId) {
            return maildrops.download(device, messageId);
        }

        @Override
        public byte[] peek(UUID messageId) {
            return maildrops.peek(device, messageId);
        }

        @Override
        public void received(UUID messageId, byte[] raw) {
            maildrops.received(device, messageId, raw);
        }

        @Override
        public void remove(Collection<UUID> messageIds) {
            maildrops.deleteForDevice(device.id(), messageIds);
        }

        @Override
        public void applyServerPolicy() {
            if (device.policy().deleteFromServer() == DeleteFromServer.AFTER_DOWNLOAD) {
                try {
                    maildrops.deleteDueFromServer(device);
                } catch (UpstreamException | MessageUnavailableException e) {
                    // the scheduled expiry retries; the device's own QUIT succeeded
                    LOG.infof("POP device %s: server deletion after download postponed", device.id());
                }
            }
        }
    }
}
