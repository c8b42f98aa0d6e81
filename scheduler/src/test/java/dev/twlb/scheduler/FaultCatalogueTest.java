package dev.twlb.scheduler;

import dev.twlb.schemas.ParamRange;
import dev.twlb.schemas.FaultType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultCatalogueTest {

  @Test
  void theSeedsFaultsKeepTheSeedsSpelling() {
    assertThat(FaultType.of("benign")).isEqualTo(FaultType.BENIGN);
    assertThat(FaultType.of("delay")).isEqualTo(FaultType.DELAY);
    assertThat(FaultType.of("crash")).isEqualTo(FaultType.CRASH);
    assertThat(FaultType.of("500-error")).isEqualTo(FaultType.ERROR_500);
    assertThat(FaultType.of("lie-latency")).isEqualTo(FaultType.LIE_LATENCY);
  }

  @Test
  void anUnknownFaultListsTheKnownOnes() {
    assertThatThrownBy(() -> FaultType.of("gremlins"))
        .hasMessageContaining("unknown fault 'gremlins'").hasMessageContaining("memory-leak");
  }

  @Test
  void theDelayOutlastsTheBalancersTimeoutAndTheLiarIsSlowerThanSlow() {
    assertThat(FaultType.DELAY.defaultRanges().get("delay_ms")).isEqualTo(new ParamRange(6000, 7000));
    assertThat(FaultType.LIE_LATENCY.defaultRanges().get("delay_ms")).isEqualTo(new ParamRange(3000, 4000));
    assertThat(FaultType.SLOW.defaultRanges().get("added_ms").max()).isLessThan(5000);
  }

  @Test
  void mixParsesWeightsAndDefaultsToOne() {
    FaultMix mix = FaultMix.parse("delay=2, crash ,500-error=0.5");
    assertThat(mix.weights()).containsExactly(
        Map.entry(FaultType.DELAY, 2.0), Map.entry(FaultType.CRASH, 1.0), Map.entry(FaultType.ERROR_500, 0.5));
  }

  @Test
  void mixRejectsBadInput() {
    assertThatThrownBy(() -> FaultMix.parse("delay=x")).hasMessageContaining("weight");
    assertThatThrownBy(() -> FaultMix.parse("delay=-1")).hasMessageContaining("weight");
    assertThatThrownBy(() -> FaultMix.parse("delay,delay")).hasMessageContaining("twice");
    assertThatThrownBy(() -> FaultMix.parse("delay=0")).hasMessageContaining("positive");
    assertThatThrownBy(() -> FaultMix.parse("nope")).hasMessageContaining("unknown fault");
  }

  @Test
  void mixDrawsInProportionToWeights() {
    FaultMix mix = FaultMix.parse("delay=3,crash=1,slow=0");
    Random random = new Random(7);
    int delays = 0;
    for (int i = 0; i < 10_000; i++) {
      FaultType drawn = mix.draw(random);
      assertThat(drawn).isNotEqualTo(FaultType.SLOW);
      delays += drawn == FaultType.DELAY ? 1 : 0;
    }
    assertThat(delays).isBetween(7_200, 7_800);
  }

  @Test
  void rangesParseAndDrawWithinBounds() {
    assertThat(ParamRange.parse("1..2")).isEqualTo(new ParamRange(1, 2));
    assertThat(ParamRange.parse("5")).isEqualTo(new ParamRange(5, 5));
    assertThatThrownBy(() -> ParamRange.parse("2..1")).hasMessageContaining("min <= max");
    assertThatThrownBy(() -> ParamRange.parse("a..b")).hasMessageContaining("MIN..MAX");
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(new ParamRange(10, 20).draw(random)).isBetween(10.0, 20.0);
    }
  }

  @Test
  void intensitiesOverrideDefaultsAndRejectUnknownParameters() {
    Intensities intensities = Intensities.withOverrides(List.of("delay.delay_ms=6500", "slow.added_ms=100..200"));
    assertThat(intensities.range(FaultType.DELAY, "delay_ms")).isEqualTo(new ParamRange(6500, 6500));
    assertThat(intensities.range(FaultType.SLOW, "added_ms")).isEqualTo(new ParamRange(100, 200));
    assertThat(intensities.range(FaultType.LIE_LATENCY, "delay_ms")).isEqualTo(new ParamRange(3000, 4000));
    assertThatThrownBy(() -> Intensities.withOverrides(List.of("delay.speed=1"))).hasMessageContaining("no parameter 'speed'");
    assertThatThrownBy(() -> Intensities.withOverrides(List.of("delay=1"))).hasMessageContaining("FAULT.PARAM=MIN..MAX");
  }
}
