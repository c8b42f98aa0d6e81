package dev.twlb.nodes.fault;

import dev.twlb.schemas.FaultType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplyTest {
  private final Random random = new Random(3);

  @Test
  void benignAnswersAtOnceWithWork() {
    assertThat(Reply.decide(FaultType.BENIGN, Map.of(), random)).isEqualTo(new Reply(0, 200, true, false, false));
  }

  @Test
  void delayHoldsTheAnswerForTheDrawnTime() {
    Reply reply = Reply.decide(FaultType.DELAY, Map.of("delay_ms", 6400.4), random);
    assertThat(reply.delayMs()).isEqualTo(6400);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.liesAboutLatency()).isFalse();
  }

  @Test
  void error500AnswersAtOnceWithoutWork() {
    assertThat(Reply.decide(FaultType.ERROR_500, Map.of(), random)).isEqualTo(new Reply(0, 500, false, false, false));
  }

  @Test
  void theLiarIsSlowAndLies() {
    Reply reply = Reply.decide(FaultType.LIE_LATENCY, Map.of("delay_ms", 3500.0), random);
    assertThat(reply.delayMs()).isEqualTo(3500);
    assertThat(reply.liesAboutLatency()).isTrue();
  }

  @Test
  void intermittentErrorsFailTheirShare() {
    int errors = 0;
    for (int i = 0; i < 10_000; i++) {
      errors += Reply.decide(FaultType.INTERMITTENT_ERROR, Map.of("error_rate", 0.3), random).status() == 500 ? 1 : 0;
    }
    assertThat(errors).isBetween(2_700, 3_300);
  }

  @Test
  void corruptAtRateOneAlwaysCorrupts() {
    for (int i = 0; i < 100; i++) {
      Reply reply = Reply.decide(FaultType.CORRUPT, Map.of("corrupt_rate", 1.0), random);
      assertThat(reply.corrupt()).isTrue();
      assertThat(reply.status()).isEqualTo(200);
    }
  }

  @Test
  void processFaultsServeTheRequestsThatGetThrough() {
    for (FaultType type : new FaultType[] {FaultType.FLAPPING, FaultType.CPU_HOG, FaultType.MEMORY_LEAK}) {
      assertThat(Reply.decide(type, Map.of(), random).status()).isEqualTo(200);
    }
  }
}
