package dev.twlb.schemas.registry;

/** An error answer of a schema registry, with Confluent's error code (e.g. 40401 subject not found). */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final int errorCode;

  public RegistryException(int httpStatus, int errorCode, String message) {
    super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")");
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }
}
