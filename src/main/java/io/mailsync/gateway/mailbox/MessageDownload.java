package io.mailsync.gateway.mailbox;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An upstream message or part, found and ready to stream. It holds an upstream connection until
 * {@link #writeTo} has finished or {@link #close} is called, whichever comes first.
 */
public interface MessageDownload extends AutoCloseable {

    /** The MIME type to answer with, e.g. {@code application/pdf}. */
    String contentType();

    /** The file name to offer, decoded; never null, never a path. */
    String filename();

    /** Copies the bytes in bounded chunks as they arrive from upstream, then closes. */
    void writeTo(OutputStream out) throws IOException;

    @Override
    void close();
}
