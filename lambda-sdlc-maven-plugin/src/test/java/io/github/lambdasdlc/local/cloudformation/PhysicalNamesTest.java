package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.cloudformation.resources.PhysicalNames;
import org.junit.jupiter.api.Test;

class PhysicalNamesTest {

  @Test
  void shortNamesKeepStackAndLogicalIdWhole() {
    String name = PhysicalNames.generate("app", "Function", 64);
    assertThat(name).matches("app-Function-[A-Z0-9]{13}");
  }

  @Test
  void longNamesShareTheRoomLeftLikeAws() {
    // Seen on AWS: mylongerapp-playground-ne-InstancesLifecycleHandle-1GRP3N0TVA1LD (64 characters).
    String name = PhysicalNames.generate("mylongerapp-playground-new", "InstancesLifecycleHandler", 64);
    assertThat(name).hasSize(64).startsWith("mylongerapp-playground-ne-InstancesLifecycleHandle-");
  }

  @Test
  void aShortPartIsKeptWholeAndTheOtherShortened() {
    String name = PhysicalNames.generate("s", "AVeryLongLogicalIdThatWouldNeverFitInSixtyFourCharactersAtAll", 64);
    assertThat(name).hasSize(64).startsWith("s-AVeryLongLogicalId");
  }
}
