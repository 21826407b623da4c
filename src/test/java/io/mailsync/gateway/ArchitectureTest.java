package io.mailsync.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the mail core free of adapters: it must not know Jakarta Mail, Kafka, HTTP or Hibernate. */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mailsync.gateway");

    @Test
    void mailCoreKnowsNoAdapter() {
        noClasses().that().resideInAnyPackage("io.mailsync.gateway.mailbox..", "io.mailsync.gateway.sync",
                        "io.mailsync.gateway.command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.mail..", "org.eclipse.angus..", "com.sun.mail..",
                        "org.apache.kafka..", "io.smallrye.reactive.messaging..",
                        "jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx..",
                        "org.hibernate..", "jakarta.persistence..", "io.quarkus.hibernate..",
                        "io.mailsync.gateway.api..", "io.mailsync.gateway.store..",
                        "io.mailsync.gateway.sync.imap..")
                .because("the mailbox model and sync decisions must stay testable without any adapter")
                .check(GATEWAY);
    }

    @Test
    void apiReachesStorageOnlyThroughServices() {
        noClasses().that().resideInAPackage("io.mailsync.gateway.api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
                .because("resources are thin; services own transactions and entities")
                .check(GATEWAY);
    }

    @Test
    void nothingBelowTheRestLayerKnowsIt() {
        noClasses().that().resideOutsideOfPackage("io.mailsync.gateway.api..")
                .should().dependOnClassesThat().resideInAPackage("io.mailsync.gateway.api..")
                .because("services throw their domain's exceptions and only the REST layer maps them to problems")
                .check(GATEWAY);
    }

    @Test
    void onlyTheEventsAdapterTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("io.mailsync.gateway.events..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("the outbox relay and the fan-out consumer are the gateway's only Kafka clients")
                .check(GATEWAY);
    }
}
