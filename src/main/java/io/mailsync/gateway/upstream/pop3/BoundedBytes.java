package io.mailsync.gateway.upstream.pop3;

import io.mailsync.gateway.mailbox.UpstreamException;
import java.io.ByteArrayOutputStream;

/** Collects a downloaded message and refuses one larger than the gateway serves to POP devices. */
final class BoundedBytes extends ByteArrayOutputStream {

    private final int max;

    BoundedBytes(int max) {
        super(8192);
        this.max = max;
    }

    @Override
    public synchronized void write(int b) {
        check(1);
        super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        check(len);
        super.write(b, off, len);
    }

    private void check(int more) {
        if (count + (long) more > max) {
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE,
                    "the message is larger than the " + max + " bytes a POP device can download");
        }
    }
}
