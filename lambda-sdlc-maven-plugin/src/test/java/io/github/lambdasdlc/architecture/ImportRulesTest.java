package io.github.lambdasdlc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The plugin's package rules, checked on its main classes: thin mojos ({@code maven}) over a Maven-free
 * workflow that reaches AWS only through the SDK ({@code workflow}), and a local cloud ({@code local}) that
 * knows neither. A forbidden import fails the build with the class and the import that broke the rule.
 */
@AnalyzeClasses(packages = "io.github.lambdasdlc", importOptions = ImportOption.DoNotIncludeTests.class)
class ImportRulesTest {

  @ArchTest
  static final ArchRule workflowKnowsNeitherMavenNorTheLocalCloud = noClasses()
      .that().resideInAPackage("io.github.lambdasdlc.workflow..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.github.lambdasdlc.maven..", "io.github.lambdasdlc.local..", "org.apache.maven..", "org.codehaus.plexus..")
      .because("the workflow is Maven-free and talks to any endpoint, the local cloud included, through the SDK only");

  @ArchTest
  static final ArchRule localCloudKnowsNeitherMavenNorTheWorkflow = noClasses()
      .that().resideInAPackage("io.github.lambdasdlc.local..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.github.lambdasdlc.maven..", "io.github.lambdasdlc.workflow..", "org.apache.maven..",
          "org.codehaus.plexus..")
      .because("the local cloud is an emulator of AWS's APIs, usable without Maven and without the plugin's goals");

  @ArchTest
  static final ArchRule localCloudServesWithoutTheSdk = noClasses()
      .that().resideInAPackage("io.github.lambdasdlc.local..")
      .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
      .because("the local cloud answers the SDK's requests; it must not need the SDK to do so");

  @ArchTest
  static final ArchRule runtimeCatalogueStandsAlone = noClasses()
      .that().resideInAPackage("io.github.lambdasdlc.runtime..")
      .should().dependOnClassesThat().resideInAnyPackage("io.github.lambdasdlc.maven..",
          "io.github.lambdasdlc.workflow..", "io.github.lambdasdlc.local..", "org.apache.maven..",
          "software.amazon.awssdk..", "com.fasterxml..")
      .because("the runtime catalogue (AWS's runtime table) is shared by the workflow and the local cloud");

  @ArchTest
  static final ArchRule sharedFormatsStandAlone = noClasses()
      .that().resideInAnyPackage("io.github.lambdasdlc.xml..", "io.github.lambdasdlc.code..",
          "io.github.lambdasdlc.cfn..")
      .should().dependOnClassesThat().resideInAnyPackage("io.github.lambdasdlc.maven..",
          "io.github.lambdasdlc.workflow..", "io.github.lambdasdlc.local..", "org.apache.maven..",
          "software.amazon.awssdk..")
      .because("XML, YAML, CloudFormation's template language and Lambda code packages are formats the workflow and"
          + " the local cloud share");

  @ArchTest
  static final ArchRule goalsUseTheLocalCloudsApiNotItsStore = noClasses()
      .that().resideInAPackage("io.github.lambdasdlc.maven..")
      .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.github.lambdasdlc.local.core..")
          .and(JavaClass.Predicates.simpleNameStartingWith("StateStore")))
      .because("the goals find and start local clouds through LocalCloud (findRunning, LocalCloudException), never"
          + " by reading its state directory");

  @ArchTest
  static final ArchRule functionsWriteLogsThroughTheLogsApi = noClasses()
      .that().resideInAPackage("io.github.lambdasdlc.local.lambda..")
      .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.github.lambdasdlc.local.logs..")
          .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("LogStreams")
              .or(JavaClass.Predicates.simpleName("LogStreamWriter")))))
      .because("the execution engine writes log events through the logs service's API (LogStreams), not its file"
          + " layout, which the logs service alone reads and writes");

  /**
   * The local cloud's root package wires the services together ({@code LocalCloud}); its kernel
   * ({@code local.core}: settings, state store, JSON, AWS errors, fault plans) sits below every service, and the
   * services and the HTTP front never reach back up into the root or into one another in a circle.
   */
  @ArchTest
  static final ArchRule localCloudPackagesFormNoCycle = slices()
      .assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String pkg = javaClass.getPackageName();
          String root = "io.github.lambdasdlc.local";
          if (pkg.equals(root)) {
            return SliceIdentifier.of("local (wiring)");
          }
          if (!pkg.startsWith(root + ".")) {
            return SliceIdentifier.ignore();
          }
          String rest = pkg.substring(root.length() + 1);
          int dot = rest.indexOf('.');
          return SliceIdentifier.of("local." + (dot < 0 ? rest : rest.substring(0, dot)));
        }

        @Override
        public String getDescription() {
          return "the local cloud's root package and each of its sub-packages";
        }
      })
      .should().beFreeOfCycles()
      .because("LocalCloud alone wires the services; the kernel (local.core) is below all of them");

  @ArchTest
  static final ArchRule topLevelPackagesFormNoCycle = slices()
      .matching("io.github.lambdasdlc.(*)..")
      .should().beFreeOfCycles();
}
