package io.mailsync.gateway.observability;

/**
 * How many change streams this replica has open, told by whoever serves them, so that the operators' figures
 * count them without knowing the REST layer that streams.
 */
public interface OpenChangeStreams {

    /** Open streams of all accounts on this replica. */
    int openStreams();
}
