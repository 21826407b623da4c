package io.mailsync.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.mailsync.gateway.mailbox.MessageUnavailableException;
import io.mailsync.gateway.mailbox.UpstreamException;
import io.mailsync.gateway.pop3.PopDevice;
import io.mailsync.gateway.pop3.PopMailbox;
import io.mailsync.gateway.pop3.PopMailboxes;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the gateway, as README's Architecture section draws it: REST resources call services, services
 * decide with the mail core, and adapters (persistence, upstream mail servers, Kafka) implement the ports of the core and
 * the services. Arrows point inwards only, and no two rooms depend on each other.
 */
class ArchitectureTest {

    private static final String GATEWAY_PACKAGE = "io.mailsync.gateway";
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(GATEWAY_PACKAGE);

    private static final String CORE = "io.mailsync.gateway.mailbox..";
    private static final String[] SERVICES = {
        "io.mailsync.gateway.account..", "io.mailsync.gateway.device..", "io.mailsync.gateway.sync..",
        "io.mailsync.gateway.command..", "io.mailsync.gateway.changes..", "io.mailsync.gateway.idempotency..",
        "io.mailsync.gateway.pop3"
    };
    private static final String API = "io.mailsync.gateway.api..";
    private static final String STORE = "io.mailsync.gateway.store..";
    private static final String UPSTREAM = "io.mailsync.gateway.upstream..";
    private static final String EVENTS = "io.mailsync.gateway.events..";

    private static final String[] JAKARTA_MAIL = {"jakarta.mail..", "org.eclipse.angus..", "com.sun.mail.."};
    private static final String[] HTTP = {"jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx.."};
    private static final String[] PERSISTENCE = {"org.hibernate..", "jakarta.persistence..", "io.quarkus.hibernate.."};

    @Test
    void mailCoreUsesOnlyTheJavaPlatformAndInjection() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideOutsideOfPackages(CORE, "java..", "jakarta.inject..",
                        "jakarta.enterprise..", "jakarta.annotation..")
                .because("the mailbox model, the change log and the lock ports stay testable without any adapter")
                .check(GATEWAY);
    }

    @Test
    void servicesNeverReachUpToTheApiNorIntoAdapters() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAnyPackage(API, STORE, UPSTREAM, EVENTS)
                .because("services throw the domain's own exceptions and reach storage, mail servers and Kafka"
                        + " through ports; api alone maps exceptions to problems")
                .check(GATEWAY);
    }

    @Test
    void nothingOutsideTheApiDependsOnIt() {
        noClasses().that().resideOutsideOfPackage(API)
                .should().dependOnClassesThat().resideInAPackage(API)
                .because("REST is the outermost ring: resources call services, never the other way round")
                .check(GATEWAY);
    }

    @Test
    void apiReachesStorageUpstreamAndKafkaOnlyThroughServices() {
        noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat().resideInAnyPackage(STORE, UPSTREAM, EVENTS)
                .orShould().dependOnClassesThat().resideInAnyPackage(PERSISTENCE)
                .because("resources are thin; services own transactions, entities and upstream calls")
                .check(GATEWAY);
    }

    @Test
    void adaptersImplementPortsWithoutReachingIntoEachOther() {
        noClasses().that().resideInAPackage(STORE)
                .should().dependOnClassesThat().resideInAnyPackage(UPSTREAM, EVENTS, API)
                .because("the PostgreSQL adapter serves the core's ports and knows no other adapter")
                .check(GATEWAY);
        noClasses().that().resideInAPackage(UPSTREAM)
                .should().dependOnClassesThat().resideInAnyPackage(STORE, EVENTS, API)
                .because("the upstream mail clients serve the core's ports and know no other adapter")
                .check(GATEWAY);
        noClasses().that().resideInAPackage(EVENTS)
                .should().dependOnClassesThat().resideInAnyPackage(STORE, UPSTREAM, API)
                .because("the Kafka adapter serves the core's ports and knows no other adapter")
                .check(GATEWAY);
    }

    @Test
    void entitiesStayInTheirCapabilityAndThePersistenceAdapter() {
        classes().that().areAnnotatedWith(Entity.class).or().haveSimpleNameEndingWith("Entity")
                .should(beUsedOnlyInTheirOwnCapabilityOrTheStore())
                .because("a table belongs to one capability: others reach it through that capability's services and"
                        + " ports, and only the PostgreSQL adapter maps it for them")
                .check(GATEWAY);
    }

    @Test
    void onlyTheUpstreamAdaptersSpeakJakartaMail() {
        noClasses().that().resideOutsideOfPackage(UPSTREAM)
                .should().dependOnClassesThat().resideInAnyPackage(JAKARTA_MAIL)
                .because("upstream/ is the gateway's only mail client: sessions, limits, failures, reading, commands")
                .check(GATEWAY);
    }

    @Test
    void onlyTheApiDescribesTheRestContract() {
        noClasses().that().resideOutsideOfPackage(API)
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.microprofile.openapi..")
                .because("the REST contract (schemas, operations, the served OpenAPI document) is the API's;"
                        + " services answer their own records and api/ maps them to the wire")
                .check(GATEWAY);
    }

    @Test
    void onlyTheEventsAdapterTalksToKafka() {
        noClasses().that().resideOutsideOfPackage(EVENTS)
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("the outbox relay and the fan-out consumer are the gateway's only Kafka clients")
                .check(GATEWAY);
    }

    @Test
    void onlyTheApiAndThePop3ListenerSpeakToNetworkClients() {
        noClasses().that().resideInAnyPackage(SERVICES).or().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(HTTP)
                .because("HTTP belongs to the REST resources; the core and the services know no transport")
                .check(GATEWAY);
    }

    @Test
    void thePop3ListenerSeesThePopModelOnlyThroughItsPort() {
        classes().that().resideInAPackage("io.mailsync.gateway.pop3.server..")
                .should().onlyDependOnClassesThat(or(
                        resideOutsideOfPackages(GATEWAY_PACKAGE + "..", "jakarta.persistence..", "org.hibernate..",
                                "io.quarkus.hibernate.."),
                        resideInAnyPackage("io.mailsync.gateway.pop3.server..", "io.mailsync.gateway.config.."),
                        belongToAnyOf(PopMailboxes.class, PopMailbox.class, PopDevice.class, UpstreamException.class,
                                MessageUnavailableException.class)))
                .because("the POP3 listener speaks the protocol over a narrow maildrop port (as Apache James' POP3"
                        + " Mailbox); maildrops, entities and stores are the POP model's")
                .check(GATEWAY);
    }

    @Test
    void capabilitiesAreFreeOfCycles() {
        slices().matching(GATEWAY_PACKAGE + ".(*)..")
                .should().beFreeOfCycles()
                .because("a room that depends on another one that depends back cannot be understood, tested or"
                        + " replaced alone")
                .check(GATEWAY);
    }

    @Test
    void roomsWithinACapabilityAreFreeOfCycles() {
        slices().matching(GATEWAY_PACKAGE + ".(**)")
                .should().beFreeOfCycles()
                .because("sub-rooms (api/http and the resources, upstream and upstream/imap, pop3 and pop3/server)"
                        + " depend one way only")
                .check(GATEWAY);
    }

    private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnCapabilityOrTheStore() {
        PackageMatcher store = PackageMatcher.of(STORE);
        return new ArchCondition<>("be used only inside their own top-level package and " + STORE) {
            @Override
            public void check(JavaClass entity, ConditionEvents events) {
                String home = capability(entity.getPackageName());
                for (Dependency dependency : entity.getDirectDependenciesToSelf()) {
                    String user = dependency.getOriginClass().getPackageName();
                    if (!capability(user).equals(home) && !store.matches(user)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The top-level room of a gateway package: {@code account} for {@code io.mailsync.gateway.account.x}. */
    private static String capability(String packageName) {
        String below = packageName.startsWith(GATEWAY_PACKAGE + ".")
                ? packageName.substring(GATEWAY_PACKAGE.length() + 1) : "";
        int dot = below.indexOf('.');
        return dot < 0 ? below : below.substring(0, dot);
    }
}
