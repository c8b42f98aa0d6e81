package dev.twlb.lb.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.http.ProcessAnswer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.VertxException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  @Test
  void answersAreClassifiedByStatusAndChecksum() {
    byte[] good = ProcessAnswer.of("node-1", "r", "x").toJson().getBytes(StandardCharsets.UTF_8);
    assertThat(Outcomes.ofAnswer(200, good, "r", true)).isEqualTo(Outcome.OK);
    assertThat(Outcomes.ofAnswer(200, good, "other", true)).isEqualTo(Outcome.BAD_RESPONSE);
    assertThat(Outcomes.ofAnswer(200, "junk".getBytes(StandardCharsets.UTF_8), "r", true)).isEqualTo(Outcome.BAD_RESPONSE);
    assertThat(Outcomes.ofAnswer(200, "junk".getBytes(StandardCharsets.UTF_8), "r", false)).isEqualTo(Outcome.OK);
    assertThat(Outcomes.ofAnswer(500, good, "r", true)).isEqualTo(Outcome.HTTP_ERROR);
    assertThat(Outcomes.ofAnswer(404, new byte[0], "r", true)).isEqualTo(Outcome.HTTP_ERROR);
  }

  @Test
  void failuresAreConnectErrorsOrResets() {
    assertThat(Outcomes.ofFailure(new ConnectException("Connection refused"))).isEqualTo(Outcome.CONNECT_ERROR);
    assertThat(Outcomes.ofFailure(new VertxException(new ConnectException("refused")))).isEqualTo(Outcome.CONNECT_ERROR);
    assertThat(Outcomes.ofFailure(new HttpClosedException("Connection was closed"))).isEqualTo(Outcome.RESET);
    assertThat(Outcomes.ofFailure(new java.io.IOException("Connection reset by peer"))).isEqualTo(Outcome.RESET);
  }
}
