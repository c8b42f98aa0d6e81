package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.http.ProcessAnswer;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** What the balancer makes of a node's answer, or of the failure to get one. */
final class Outcomes {
  private Outcomes() {}

  static Outcome ofAnswer(int status, byte[] body, String requestId, boolean verifyChecksum) {
    if (status < 200 || status > 299) {
      return Outcome.HTTP_ERROR;
    }
    return !verifyChecksum || ProcessAnswer.verify(body, requestId) ? Outcome.OK : Outcome.BAD_RESPONSE;
  }

  /** A failure before any answer: refused or unreachable is CONNECT_ERROR, a dropped connection RESET. */
  static Outcome ofFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
          || t instanceof io.netty.channel.ConnectTimeoutException) {
        return Outcome.CONNECT_ERROR;
      }
      if (t instanceof HttpClosedException) {
        return Outcome.RESET;
      }
    }
    return Outcome.RESET;
  }
}
