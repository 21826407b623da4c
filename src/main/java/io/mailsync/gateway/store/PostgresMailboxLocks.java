package io.mailsync.gateway.store;

import io.mailsync.gateway.mailbox.MailboxLocks;
import io.mailsync.gateway.mailbox.SharedMailboxLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Mailbox locks in PostgreSQL, seen by every replica: transaction-level advisory locks
 * ({@code pg_advisory_xact_lock}) keyed by the account or folder id, held in a short transaction of their own
 * on a pooled connection (not the transactions of the mirror writes they guard). Ending that transaction
 * releases them, and so does the database when the connection or the replica dies, so a crashed holder never
 * leaves a lock behind. The wait is bounded by {@code lock_timeout}; the database's deadlock detector is the
 * last resort should two holders ever take keys in different orders. At most half of the connection pool
 * holds locks at once, so that holders always find a connection for the writes they guard.
 */
@ApplicationScoped
public class PostgresMailboxLocks implements SharedMailboxLocks {

    private static final Logger LOG = Logger.getLogger(PostgresMailboxLocks.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final DataSource dataSource;
    private final Semaphore connections;

    PostgresMailboxLocks(DataSource dataSource,
                         @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20") int poolSize) {
        this.dataSource = dataSource;
        this.connections = new Semaphore(Math.max(1, poolSize / 2), true);
    }

    /** The advisory lock key of an account or folder id: the same on every replica and in every release. */
    public static long key(UUID id) {
        return id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    }

    @Override
    public MailboxLocks.Held acquire(List<UUID> ids, Duration wait) {
        if (QuarkusTransaction.isActive()) {
            // the writes a lock guards must commit before it is released, so it is never taken inside them
            throw new IllegalStateException("mailbox locks are taken outside transactions");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!connections.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw MailboxLocks.busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MailboxLocks.busy();
        }
        Connection db = null;
        try {
            db = dataSource.getConnection();
            db.setAutoCommit(false);
            try (PreparedStatement timeout = db.prepareStatement("select set_config('lock_timeout', ?, true)");
                 PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(?)")) {
                for (UUID id : ids) {
                    long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    // 0 would mean no limit at all
                    timeout.setString(1, Math.max(1, leftMillis) + "ms");
                    timeout.execute();
                    lock.setLong(1, key(id));
                    lock.execute();
                }
            }
            Connection holding = db;
            AtomicBoolean released = new AtomicBoolean();
            return () -> {
                if (released.compareAndSet(false, true)) {
                    release(holding);
                }
            };
        } catch (SQLException e) {
            release(db);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || DEADLOCK_DETECTED.equals(e.getSQLState())) {
                throw MailboxLocks.busy();
            }
            throw new IllegalStateException("the database could not take a mailbox lock (SQL state "
                    + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            release(db);
            throw e;
        }
    }

    /** Ends the lock transaction (which releases its locks) and gives the connection back. */
    private void release(Connection db) {
        try {
            if (db == null) {
                return;
            }
            try {
                db.rollback();
                db.setAutoCommit(true);
            } catch (SQLException e) {
                // a connection that cannot end its transaction is not given to anyone else
                LOG.warnf("a mailbox lock connection failed on release (SQL state %s); dropping it", e.getSQLState());
                try {
                    db.abort(Runnable::run);
                } catch (SQLException | RuntimeException ignored) {
                    // closed below in any case
                }
            }
            try {
                db.close();
            } catch (SQLException e) {
                LOG.debugf("closing a mailbox lock connection failed: %s", e.getSQLState());
            }
        } finally {
            connections.release();
        }
    }
}
