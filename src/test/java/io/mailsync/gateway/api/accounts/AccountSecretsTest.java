package io.mailsync.gateway.api.accounts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.mailsync.gateway.testing.UpstreamMailServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream secrets never reach the log, a response or the database in clear. */
@QuarkusTest
class AccountSecretsTest {

    private static final String PASSWORD = "Pw-" + UUID.randomUUID();
    private static final String WRONG = "Wrong-" + UUID.randomUUID();
    private static final List<String> CATEGORIES = List.of("", "io.mailsync", "org.eclipse.angus", "jakarta.mail",
            "io.quarkus.rest", "org.jboss.resteasy.reactive", "org.hibernate.validator");

    @Inject
    AgroalDataSource dataSource;

    /** Appended by logging threads while the test reads it: a synchronized buffer. */
    private final StringBuffer captured = new StringBuffer();
    private final Map<String, Level> previousLevels = new java.util.HashMap<>();
    private final Handler capture = new Handler() {
        private final PatternFormatter format = new PatternFormatter("%p [%c] %s%e%n");

        @Override
        public synchronized void publish(LogRecord record) {
            // GreenMail plays the upstream server in this JVM: its own protocol trace is not the gateway's log
            if (record.getLoggerName() == null || !record.getLoggerName().startsWith("com.icegreen")) {
                captured.append(format.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        for (String category : CATEGORIES) {
            if (!category.isEmpty()) {
                Logger logger = Logger.getLogger(category);
                previousLevels.put(category, logger.getLevel());
                logger.setLevel(Level.FINE);
            }
        }
    }

    @AfterEach
    void releaseTheLog() {
        Logger.getLogger("").removeHandler(capture);
        previousLevels.forEach((category, level) -> Logger.getLogger(category).setLevel(level));
    }

    @Test
    void passwordsAppearInNoLogNoResponseAndNotInClearInTheDatabase() throws Exception {
        List<String> answers = new ArrayList<>();
        try (UpstreamMailServer upstream = new UpstreamMailServer();
                ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String login = upstream.newUser(PASSWORD);

            // wrong password: 422
            answers.add(post(upstream.registration(login, WRONG).json(), 422));
            // right password: 201
            String created = post(upstream.registration(login, PASSWORD).json(), 201);
            answers.add(created);
            String accountId = io.restassured.path.json.JsonPath.from(created).getString("id");
            answers.add(given().auth().oauth2("test-operator-token").when().get("/api/v1/accounts/" + accountId)
                    .then().statusCode(200).extract().asString());
            answers.add(given().auth().oauth2("test-operator-token").queryParam("limit", 200)
                    .when().get("/api/v1/accounts").then().statusCode(200).extract().asString());
            // duplicate: 409
            answers.add(post(upstream.registration(login, PASSWORD).json(), 409));
            // unreachable server: 502
            int port = closed.getLocalPort();
            closed.close();
            answers.add(post(upstream.registration("other-" + login, PASSWORD).imap(port).json(), 502));
            // invalid field next to the password: 400
            answers.add(post(upstream.registration(login, PASSWORD).imap("bad host", upstream.imapPort()).json(), 400));
            // broken JSON right after the password: 400
            answers.add(post("{\"password\": " + PASSWORD + "}", 400));
            answers.add(post("{\"password\": \"" + PASSWORD + "\", \"imap\": {\"port\": \"" + PASSWORD + "\"}}", 400));

            assertNoClearSecretStored(UUID.fromString(accountId));
        }
        String log = captured.toString();
        assertTrue(log.contains("registered"), "the capture works: it saw the registration\n" + log);
        for (String secret : List.of(PASSWORD, WRONG)) {
            assertFalse(log.contains(secret), "the log holds a password:\n" + log);
            for (String answer : answers) {
                assertFalse(answer.contains(secret), "an answer holds a password: " + answer);
            }
        }
    }

    private static String post(String body, int status) {
        return given().auth().oauth2("test-operator-token").contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/accounts")
                .then().statusCode(status).extract().asString();
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private void assertNoClearSecretStored(UUID accountId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select * from account where id = ?")) {
            query.setObject(1, accountId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    boolean binary = "bytea".equals(row.getMetaData().getColumnTypeName(column));
                    String value = binary ? latin1(row.getBytes(column)) : row.getString(column);
                    if (value != null) {
                        assertFalse(value.contains(PASSWORD), row.getMetaData().getColumnName(column));
                    }
                }
            }
        }
    }
}
