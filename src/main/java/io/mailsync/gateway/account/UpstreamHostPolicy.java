package io.mailsync.gateway.account;

import io.mailsync.gateway.config.MailsyncConfig;
import io.mailsync.gateway.mailbox.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the gateway from being used to reach hosts inside its own network: an account host must
 * resolve only to public unicast addresses, unless {@code mailsync.upstream.allow-private-hosts} is set.
 */
@ApplicationScoped
public class UpstreamHostPolicy {

    /** An address block the gateway refuses, with the words an operator understands. */
    private record Block(byte[] prefix, int bits, String what) {
        static Block of(String cidr, String what) {
            String[] parts = cidr.split("/");
            try {
                // literals only: no name lookup happens here
                return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), what);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Block> REFUSED = List.of(
            Block.of("0.0.0.0/8", "an unspecified address"),
            Block.of("10.0.0.0/8", "a private address"),
            Block.of("100.64.0.0/10", "a carrier-grade NAT address"),
            Block.of("127.0.0.0/8", "a loopback address"),
            Block.of("169.254.0.0/16", "a link-local address"),
            Block.of("172.16.0.0/12", "a private address"),
            Block.of("192.0.0.0/24", "a reserved address"),
            Block.of("192.0.2.0/24", "a documentation address"),
            Block.of("192.168.0.0/16", "a private address"),
            Block.of("198.18.0.0/15", "a benchmarking address"),
            Block.of("198.51.100.0/24", "a documentation address"),
            Block.of("203.0.113.0/24", "a documentation address"),
            Block.of("224.0.0.0/4", "a multicast address"),
            Block.of("240.0.0.0/4", "a reserved or broadcast address"),
            Block.of("::/128", "an unspecified address"),
            Block.of("::1/128", "a loopback address"),
            Block.of("::/96", "an IPv4-compatible address"),
            Block.of("100::/64", "a discard address"),
            Block.of("2001::/32", "a Teredo tunnel address"),
            Block.of("2001:db8::/32", "a documentation address"),
            Block.of("fc00::/7", "a unique-local address"),
            Block.of("fe80::/10", "a link-local address"),
            Block.of("fec0::/10", "a site-local address"),
            Block.of("ff00::/8", "a multicast address"));

    private static final Block NAT64 = Block.of("64:ff9b::/96", "a NAT64 address");
    private static final Block SIX_TO_FOUR = Block.of("2002::/16", "a 6to4 address");

    private final boolean allowPrivateHosts;

    @Inject
    public UpstreamHostPolicy(MailsyncConfig config) {
        this(config.upstream().allowPrivateHosts());
    }

    UpstreamHostPolicy(boolean allowPrivateHosts) {
        this.allowPrivateHosts = allowPrivateHosts;
    }

    /**
     * Resolves the host and refuses it if any of its addresses is not public.
     *
     * @param field where the host came from, for the message ({@code imap.host})
     * @throws UpstreamHostRefused if the policy refuses the host
     * @throws UpstreamException of kind REFUSED if the name does not resolve
     */
    public void check(String field, String host) {
        if (allowPrivateHosts) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UpstreamException(UpstreamException.Kind.REFUSED, "unknown host " + host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new UpstreamHostRefused(field + " " + host + " resolves to " + address.getHostAddress() + ", "
                        + refusal.get() + "; the gateway connects only to public hosts");
            }
        }
    }

    /** Why the gateway must not connect to this address, or empty if it is a public unicast address. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] raw = address.getAddress();
        for (Block block : REFUSED) {
            if (block.contains(raw)) {
                return Optional.of(block.what());
            }
        }
        if (address instanceof Inet6Address) {
            // addresses that carry an IPv4 address inside are judged by that address
            if (NAT64.contains(raw)) {
                return embedded(raw, 12);
            }
            if (SIX_TO_FOUR.contains(raw)) {
                return embedded(raw, 2);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] raw, int offset) {
        try {
            byte[] v4 = new byte[4];
            System.arraycopy(raw, offset, v4, 0, 4);
            return refusal(Inet4Address.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.of("an unusable address");
        }
    }
}
