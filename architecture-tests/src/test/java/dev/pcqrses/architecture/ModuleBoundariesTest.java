package dev.pcqrses.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * DESIGN.md's module table, on the compiled code (the Maven modules are the first wall; this is the
 * second). Every rule is named as the sentence it enforces.
 */
@AnalyzeClasses(packages = "dev.pcqrses", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
  static final String DOMAIN = "dev.pcqrses.domain..";
  static final String PORTS = "dev.pcqrses.ports..";
  static final String ADAPTERS = "dev.pcqrses.adapters..";
  static final String APPS = "dev.pcqrses.apps..";
  static final String BENCHMARKS = "dev.pcqrses.benchmarks..";

  /** Each module's package, as DESIGN.md names the modules. */
  static final List<String> MODULE_PACKAGES = List.of(
      DOMAIN, PORTS,
      "dev.pcqrses.adapters.pekko..", "dev.pcqrses.adapters.postgres..", "dev.pcqrses.adapters.http..",
      "dev.pcqrses.adapters.dynamodb..", "dev.pcqrses.adapters.lambda..",
      "dev.pcqrses.apps.commandapi..", "dev.pcqrses.apps.queryapi..", "dev.pcqrses.apps.readmodelupdater..",
      "dev.pcqrses.apps.local..", "dev.pcqrses.apps.loadgen..", BENCHMARKS);

  /** A typo in a package name must not make a rule pass vacuously: every module has classes. */
  @ArchTest
  static void every_module_package_holds_classes(JavaClasses classes) {
    for (String modulePackage : MODULE_PACKAGES) {
      assertThat(classes.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(modulePackage)))
          .as(modulePackage).isNotEmpty();
    }
  }

  @ArchTest
  static final ArchRule the_domain_depends_on_the_jdk_only = classes().that().resideInAPackage(DOMAIN)
      .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..");

  @ArchTest
  static final ArchRule ports_depend_on_the_domain_and_the_jdk_only = classes().that().resideInAPackage(PORTS)
      .should().onlyDependOnClassesThat().resideInAnyPackage(PORTS, DOMAIN, "java..");

  static final String LAMBDA = "dev.pcqrses.adapters.lambda..";
  static final String JOURNAL_ITEM = "dev.pcqrses.adapters.dynamodb.journalitem..";

  /** Except the Lambda, which reads the DynamoDB item format and writes through the PostgreSQL adapter. */
  @ArchTest
  static final ArchRule adapters_do_not_depend_on_each_other = slices().matching("dev.pcqrses.adapters.(*)..")
      .should().notDependOnEachOther()
      .ignoreDependency(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(LAMBDA),
          com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(JOURNAL_ITEM,
              "dev.pcqrses.adapters.postgres.."));

  @ArchTest
  static final ArchRule the_lambda_runs_without_pekko_scala_or_an_aws_sdk = noClasses().that().resideInAPackage(LAMBDA)
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..",
          "com.amazonaws.services.dynamodbv2..", "software.amazon.awssdk..", "org.flywaydb..");

  @ArchTest
  static final ArchRule the_journal_item_format_needs_only_the_core = classes().that().resideInAPackage(JOURNAL_ITEM)
      .should().onlyDependOnClassesThat().resideInAnyPackage(JOURNAL_ITEM, PORTS, DOMAIN, "java..");

  @ArchTest
  static final ArchRule adapters_do_not_depend_on_apps = noClasses().that().resideInAPackage(ADAPTERS)
      .should().dependOnClassesThat().resideInAPackage(APPS);

  @ArchTest
  static final ArchRule the_core_does_not_depend_on_adapters_or_apps = noClasses()
      .that().resideInAnyPackage(DOMAIN, PORTS)
      .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS, APPS);

  /**
   * Apps are wiring only, and none depends on another, except the local launcher, which is by
   * definition the three apps in one JVM (see docs/architecture.md).
   */
  @ArchTest
  static final ArchRule apps_do_not_depend_on_each_other_except_the_local_launcher = slices()
      .matching("dev.pcqrses.apps.(*)..")
      .should().notDependOnEachOther()
      .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.describe("the local launcher",
              (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("dev.pcqrses.apps.local")),
          com.tngtech.archunit.base.DescribedPredicate.alwaysTrue());

  @ArchTest
  static final ArchRule apps_hold_no_business_logic = noClasses().that().resideInAPackage(APPS)
      .should().dependOnClassesThat().haveFullyQualifiedName("dev.pcqrses.domain.useraccount.UserAccountAggregate")
      .orShould().implement(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(PORTS));

  /** The JMH benchmarks may measure anything; nothing that ships may depend on them. */
  @ArchTest
  static final ArchRule nothing_depends_on_the_benchmarks = noClasses().that().resideOutsideOfPackage(BENCHMARKS)
      .should().dependOnClassesThat().resideInAPackage(BENCHMARKS);

  @ArchTest
  static final ArchRule no_framework_type_reaches_the_domain_or_the_ports = noClasses()
      .that().resideInAnyPackage(DOMAIN, PORTS)
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.apache.pekko..", "com.fasterxml.jackson..", "org.jooq..", "com.amazonaws..", "software.amazon..",
          "io.undertow..", "graphql..", "org.slf4j..", "com.zaxxer..", "io.micrometer..", "scala..");
}
