package io.mailsync.gateway.pop3;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.UpstreamException;
import org.junit.jupiter.api.Test;

/** Keeps the POP3 server on the POP model's narrow port, and the POP model free of the adapters that serve it. */
class PopLayersTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mailsync.gateway");

    @Test
    void thePop3ServerSeesTheModelOnlyThroughItsPort() {
        classes().that().resideInAPackage("io.mailsync.gateway.pop3.server..")
                .should().onlyDependOnClassesThat(or(
                        resideOutsideOfPackages("io.mailsync.gateway..", "jakarta.persistence..", "org.hibernate..",
                                "io.quarkus.hibernate.."),
                        resideInAnyPackage("io.mailsync.gateway.pop3.server..", "io.mailsync.gateway.config.."),
                        belongToAnyOf(PopMailboxes.class, PopMailbox.class, PopDevice.class, UpstreamException.class,
                                MessageUnavailableException.class)))
                .because("the POP3 server speaks the protocol; maildrops, entities and stores are the model's")
                .check(GATEWAY);
    }

    @Test
    void thePopModelKnowsNoUpstreamAdapterNorTheMirrorsStore() {
        noClasses().that().resideInAPackage("io.mailsync.gateway.pop3..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailsync.gateway.upstream..", "io.mailsync.gateway.store..", "io.mailsync.gateway.api..",
                        "jakarta.mail..", "org.eclipse.angus..", "com.sun.mail..")
                .because("upstream and store adapters implement the POP model's ports, not the other way round")
                .check(GATEWAY);
    }
}
